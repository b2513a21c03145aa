package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.core.SplitMix64;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Measures gas of each user-facing transaction on anvil (prague); prints a table and writes target/gas-table.json. */
class GasTableTest extends ChainTestBase {
    static final long TX_CAP_EIP7825 = 1L << 24;

    /** What measured: the node's own version and hardfork (anvil_nodeInfo), and the compiler settings the build recorded. */
    String toolchain() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(lc.anvil.rpcUrl())).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_nodeInfo\",\"params\":[]}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        Map<String, Object> info = Json.obj(Json.obj(Json.parse(r.body()), "rpc").get("result"), "anvil_nodeInfo");
        String client = c.web3j().web3ClientVersion().send().getWeb3ClientVersion();
        Map<String, Object> build = Json.obj(Json.parse(Files.readString(Path.of("target/solidity/combined.json"))), "combined.json");
        Map<String, Object> opt = Json.obj(build.get("optimizer"), "optimizer");
        String s = client + ", hardfork " + info.get("hardFork") + ", solc " + build.get("solcVersion") + " evm " + build.get("evmVersion")
                + ", optimizer " + (Boolean.TRUE.equals(opt.get("enabled")) ? opt.get("runs") + " runs" : "off");
        assertTrue(client.startsWith("anvil/"), client);
        assertEquals(Anvil.HARDFORK, String.valueOf(info.get("hardFork")).toLowerCase(Locale.ROOT), "the node runs the hardfork it was started with");
        return s;
    }

    @Test
    void gasTable() throws Exception {
        Map<String, Long> gas = new LinkedHashMap<>();
        Credentials owner = acct(1), ch = acct(2);
        Credentials[] vals = {acct(10), acct(11), acct(12)};
        for (Credentials v : vals) stakeValidator(v, season("minStake"));
        fundTrainer(owner, E.multiply(BigInteger.valueOf(1000)));

        byte[] ds64 = random(64 * 1024, 1);
        byte[] ds512 = random(512 * 1024, 2);
        byte[] secret = k("S_owner");
        c.tx(owner, d.beasts, d.beasts.hatch(BigInteger.ONE, Z, Z));
        gas.put("hatch (public curriculum)", g(c.tx(owner, d.beasts, d.beasts.hatch(BigInteger.TWO, Z, Z))));
        gas.put("hatch (private: C_dataset + S_owner commitment)", g(c.tx(owner, d.beasts, d.beasts.hatch(BigInteger.valueOf(3), Keccak256.hash(ds64), Keccak256.hash(secret)))));
        BigInteger beast64 = d.beasts.totalHatched().send();
        c.tx(owner, d.beasts, d.beasts.hatch(BigInteger.valueOf(4), Keccak256.hash(ds512), Keccak256.hash(secret)));
        BigInteger beast512 = d.beasts.totalHatched().send();
        BigInteger pub = BigInteger.TWO;

        long burn = 100_000; // above the default minWindowEnergy (one window at the hatch mask)
        CheckpointPayload p0 = first(pub, burn);
        gas.put("submitCheckpoint (window 0)", g(submit(owner, p0)));
        CheckpointPayload p1 = next(p0, burn);
        gas.put("submitCheckpoint (window n > 0)", g(submit(owner, p1)));
        CheckpointPayload p2 = next(p1, burn);
        submit(owner, p2);

        CheckpointPayload q64 = first(beast64, burn);
        submit(owner, q64);
        CheckpointPayload q512 = first(beast512, burn);
        submit(owner, q512);
        mint(ch, E.multiply(BigInteger.valueOf(1000)));
        approve(ch, d.disputes.getContractAddress(), E.multiply(BigInteger.valueOf(1000)));
        gas.put("fileDispute (public)", g(c.tx(ch, d.disputes, d.disputes.fileDispute(p1.encode()))));
        gas.put("fileDispute (private)", g(c.tx(ch, d.disputes, d.disputes.fileDispute(q64.encode()))));
        c.tx(ch, d.disputes, d.disputes.fileDispute(q512.encode()));
        gas.put("revealDataset 64 KiB", g(c.tx(owner, d.disputes, d.disputes.revealDataset(q64.hash(), ds64, secret))));
        gas.put("revealDataset 512 KiB", g(c.tx(owner, d.disputes, d.disputes.revealDataset(q512.hash(), ds512, secret))));

        byte[] h = p1.hash();
        gas.put("commitVerdict", g(c.tx(vals[0], d.disputes, d.disputes.commitVerdict(h, verdictCommitment(h, vals[0].getAddress(), 2, k("s0"))))));
        commit(vals[1], h, 2, k("s1"));
        commit(vals[2], h, 2, k("s2"));
        c.increaseTime(1801);
        gas.put("revealVerdict", g(c.tx(vals[0], d.disputes, d.disputes.revealVerdict(h, BigInteger.TWO, k("s0")))));
        reveal(vals[1], h, 2, k("s1"));
        reveal(vals[2], h, 2, k("s2"));
        c.increaseTime(1801);
        gas.put("resolve (3 validators, overturned)", g(c.tx(ch, d.disputes, d.disputes.resolve(h))));
        c.increaseTime(3600);
        gas.put("finalize", g(c.tx(owner, d.ledger, d.ledger.finalize(p0.encode()))));
        gas.put("withdraw (pull payment)", g(c.tx(ch, d.disputes, d.disputes.withdraw())));

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-50s %12s  %s%n", "transaction", "gas", "fits 2^24 cap"));
        for (Map.Entry<String, Long> e : gas.entrySet()) {
            table.append(String.format(Locale.ROOT, "%-50s %12d  %s%n", e.getKey(), e.getValue(), e.getValue() <= TX_CAP_EIP7825 ? "yes" : "NO"));
        }
        System.out.print(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chain", toolchain());
        json.put("txGasCapEip7825", TX_CAP_EIP7825);
        Map<String, Object> rows = new LinkedHashMap<>();
        gas.forEach(rows::put);
        json.put("gas", rows);
        Map<String, Object> dep = new LinkedHashMap<>();
        d.deployGas.forEach((k2, v) -> dep.put(k2, v.longValueExact()));
        json.put("deploy", dep);
        Path out = Path.of("target/gas-table.json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.pretty(json), StandardCharsets.UTF_8);
        Files.writeString(Path.of("target/gas-table.txt"), table.toString(), StandardCharsets.UTF_8);

        assertTrue(gas.get("submitCheckpoint (window n > 0)") <= 80_000, "submitCheckpoint target 80k: " + gas.get("submitCheckpoint (window n > 0)"));
        assertTrue(gas.get("hatch (public curriculum)") <= 150_000, "hatch target 150k");
        assertTrue(gas.get("hatch (private: C_dataset + S_owner commitment)") <= 150_000, "hatch target 150k");
        assertTrue(gas.get("revealDataset 64 KiB") <= TX_CAP_EIP7825);
    }

    static long g(TransactionReceipt r) {
        return r.getGasUsed().longValueExact();
    }

    static byte[] random(int n, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.next();
        return b;
    }
}
