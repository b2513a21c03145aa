package io.chainbeasts.node;

import io.chainbeasts.contracts.ChainClient;
import io.chainbeasts.contracts.ContractRevertException;
import io.chainbeasts.contracts.Deployment;
import io.chainbeasts.core.Hex;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One connection to a deployed ChainBeasts chain for a CLI command: the addresses file (--chain),
 * the endpoint (--rpc or the file's), the signing key (--key / CHAINBEASTS_KEY). Every failure is a
 * one-line {@link ChainError} naming the argument, or the decoded custom error of a revert.
 */
public final class ChainSession implements AutoCloseable {
    public static final BigInteger E18 = BigInteger.TEN.pow(18);
    /** anvil's default dev mnemonic; accounts are m/44'/60'/0'/0/N. */
    private static final String ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

    public final String command;
    public final String rpcUrl;
    /** How errors name the endpoint: "--rpc URL" when given, else the chain file's endpoint (no --rpc to blame). */
    public final String endpoint;
    public final ChainClient client;
    public final Deployment d;
    /** The signer, or null when no key was given (read-only commands). */
    public final Credentials me;

    private ChainSession(String command, String rpcUrl, String endpoint, ChainClient client, Deployment d, Credentials me) {
        this.command = command;
        this.rpcUrl = rpcUrl;
        this.endpoint = endpoint;
        this.client = client;
        this.d = d;
        this.me = me;
    }

    public static ChainSession open(String command, Path chainFile, String rpc, String key, boolean needKey) {
        return open(command, chainFile, rpc, key, needKey, ChainClient.DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #open(String, Path, String, String, boolean)} with every JSON-RPC request bounded by {@code rpcTimeout}:
     * an endpoint that hangs (accepts and never answers, or stalls mid-answer) fails the request after it, as one
     * ChainError line saying so.
     */
    public static ChainSession open(String command, Path chainFile, String rpc, String key, boolean needKey, java.time.Duration rpcTimeout) {
        Deployment.ChainFile cf;
        try {
            cf = Deployment.readJson(chainFile);
        } catch (IllegalArgumentException e) {
            throw new ChainError(command + ": --chain: " + e.getMessage());
        }
        String url = rpc != null ? rpc : cf.rpc();
        String endpoint = rpc != null ? "--rpc: " + url : "the chain of " + chainFile + " (" + url + ")";
        String keyText = key != null ? key : System.getenv("CHAINBEASTS_KEY");
        if (needKey && (keyText == null || keyText.isBlank())) {
            throw new ChainError(command + ": --key: a signing key is needed (--key HEX, --key anvil:N, or CHAINBEASTS_KEY)");
        }
        ChainClient c;
        try {
            c = new ChainClient(url, List.of(), rpcTimeout);
        } catch (RuntimeException e) {
            throw new ChainError(command + ": " + unreachable(chainFile, rpc, url, e));
        }
        try {
            if (c.chainId() != cf.chainId()) {
                throw new ChainError(command + ": " + endpoint + " is chain " + c.chainId() + ", but " + chainFile + " is for chain " + cf.chainId());
            }
            Credentials me = keyText == null || keyText.isBlank() ? null : credentials(command, keyText.strip(), c.chainId());
            Credentials bind = me != null ? me : Credentials.create("0x" + "11".repeat(32));
            Deployment d;
            try {
                d = Deployment.load(c, bind, cf.contracts());
            } catch (IllegalArgumentException e) {
                throw new ChainError(command + ": --chain: " + chainFile + ": " + e.getMessage());
            }
            String code = c.web3j().ethGetCode(d.ledger.getContractAddress(), DefaultBlockParameterName.LATEST).send().getCode();
            if (code == null || code.equals("0x")) {
                throw new ChainError(command + ": --chain: no CheckpointLedger at " + d.ledger.getContractAddress() + " on " + url
                        + " (a stale addresses file? run `chain up` again)");
            }
            return new ChainSession(command, url, endpoint, c, d, me);
        } catch (ChainError e) {
            c.close();
            throw e;
        } catch (Exception e) {
            c.close();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new ChainError(command + ": " + (isConnect(e) ? unreachable(chainFile, rpc, url, e) : endpoint + ": " + rootMessage(e)), e);
        }
    }

    private static String unreachable(Path chainFile, String rpc, String url, Throwable e) {
        return rpc != null ? "--rpc: cannot reach " + url + " (" + rootMessage(e) + ")"
                : "cannot reach the chain of " + chainFile + " at " + url + " (" + rootMessage(e) + "); is it running? `chainbeasts chain up --detach` starts it";
    }

    private static boolean isConnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof java.net.ConnectException) return true;
        return false;
    }

    public static Credentials credentials(String command, String k, long chainId) {
        if (k.startsWith("anvil:")) {
            if (chainId != 31337) throw new ChainError(command + ": --key: anvil:N keys exist only on anvil (chain 31337), this is chain " + chainId);
            int n;
            try {
                n = Integer.parseInt(k.substring(6));
            } catch (NumberFormatException e) {
                throw new ChainError(command + ": --key: 'anvil:N' needs a number N");
            }
            if (n < 0 || n > 1000) throw new ChainError(command + ": --key: anvil:N needs 0 <= N <= 1000");
            return Credentials.create(anvilKey(n));
        }
        String h = k.startsWith("0x") || k.startsWith("0X") ? k.substring(2) : k;
        if (!h.matches("[0-9a-fA-F]{64}")) throw new ChainError(command + ": --key: expected 64 hex digits (optional 0x) or anvil:N");
        BigInteger v = new BigInteger(h, 16);
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        if (v.signum() == 0 || v.compareTo(n) >= 0) throw new ChainError(command + ": --key: not a valid secp256k1 private key");
        return Credentials.create(h);
    }

    public static org.web3j.crypto.ECKeyPair anvilKey(int n) {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(ANVIL_MNEMONIC, ""));
        int h = Bip32ECKeyPair.HARDENED_BIT;
        return Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | h, 60 | h, h, 0, n});
    }

    public String address() {
        if (me == null) throw new ChainError(command + ": --key: needed");
        return me.getAddress();
    }

    /** Sends a transaction from the signer; reverts become one line with the decoded custom error. */
    public TransactionReceipt tx(Contract target, RemoteFunctionCall<?> call, String what) {
        if (me == null) throw new ChainError(command + ": --key: needed to send " + what);
        try {
            return client.tx(me, target, call);
        } catch (ContractRevertException e) {
            throw new ChainError(command + ": " + what + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ChainError(command + ": " + endpoint + ": " + what + ": " + rootMessage(e), e);
        } catch (IllegalStateException e) { // sent, but no receipt came in time (or the wait was interrupted)
            throw new ChainError(command + ": " + endpoint + ": " + what + ": " + e.getMessage(), e);
        }
    }

    /** A view call; failures become one line (a revert with its custom error, decoded by selector in contracts). */
    public <T> T view(RemoteFunctionCall<T> call, String what) {
        try {
            return call.send();
        } catch (ContractRevertException e) {
            throw new ChainError(command + ": " + what + ": " + e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new ChainError(command + ": " + what + ": " + rootMessage(e), e);
        }
    }

    public long now() {
        try {
            return client.now();
        } catch (UncheckedIOException e) {
            throw new ChainError(command + ": " + endpoint + ": " + rootMessage(e), e);
        }
    }

    /** The time a transaction sent now would see ({@link ChainClient#pendingTime}); never before {@link #now}. */
    public long nextBlockTime() {
        try {
            return Math.max(client.now(), client.pendingTime());
        } catch (UncheckedIOException e) {
            throw new ChainError(command + ": " + endpoint + ": " + rootMessage(e), e);
        }
    }

    /**
     * The logs of {@code event} emitted by {@code address} from the first block up to {@code upTo} (null: the latest),
     * filtered on the event's indexed arguments by {@code topics} (hex, in order); a failed query is a one-line ChainError.
     */
    public List<org.web3j.protocol.core.methods.response.Log> logs(String address, org.web3j.abi.datatypes.Event event,
                                                                   org.web3j.protocol.core.DefaultBlockParameter upTo, String... topics) {
        try {
            org.web3j.protocol.core.methods.request.EthFilter f = new org.web3j.protocol.core.methods.request.EthFilter(
                    DefaultBlockParameterName.EARLIEST, upTo == null ? DefaultBlockParameterName.LATEST : upTo, address);
            f.addSingleTopic(org.web3j.abi.EventEncoder.encode(event));
            for (String t : topics) f.addSingleTopic(t);
            org.web3j.protocol.core.methods.response.EthLog logs = client.web3j().ethGetLogs(f).send();
            if (logs.hasError()) throw new ChainError(command + ": eth_getLogs: " + logs.getError().getMessage());
            List<org.web3j.protocol.core.methods.response.Log> out = new java.util.ArrayList<>();
            for (org.web3j.protocol.core.methods.response.EthLog.LogResult<?> lr : logs.getLogs()) {
                out.add((org.web3j.protocol.core.methods.response.Log) lr.get());
            }
            return out;
        } catch (java.io.IOException e) {
            throw new ChainError(command + ": " + endpoint + ": " + rootMessage(e), e);
        }
    }

    /** The number of the chain's latest block. */
    /** The hash of block 0: which chain this is (a restored local chain keeps it, a fresh one, as after `chain up --reset`, does not). */
    public String genesisHash() {
        try {
            var block = client.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.ZERO), false).send().getBlock();
            if (block == null) throw new ChainError(command + ": " + endpoint + ": it has no block 0");
            return block.getHash();
        } catch (java.io.IOException e) {
            throw new ChainError(command + ": " + endpoint + ": " + rootMessage(e), e);
        }
    }

    public BigInteger blockNumber() {
        try {
            return client.web3j().ethBlockNumber().send().getBlockNumber();
        } catch (java.io.IOException e) {
            throw new ChainError(command + ": " + endpoint + ": " + rootMessage(e), e);
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            // a request bounded by the client's timeout that ran out (a socket read, or OkHttp's whole-call timeout, whose
            // cause is the cancelled socket's "Socket closed" / "Canceled")
            if (t instanceof java.io.InterruptedIOException) return "no answer within the RPC timeout";
            t = t.getCause();
        }
        if (t instanceof java.io.InterruptedIOException) return "no answer within the RPC timeout";
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    /**
     * wei of ENERGY per unit of a window's energyBurn when no chain says otherwise: the default season's
     * energyPrice (0.001 ENERGY). Every ENERGY amount is printed in whole tokens with decimals ("64 ENERGY").
     */
    public static final BigInteger DEFAULT_ENERGY_PRICE = io.chainbeasts.contracts.Deployment.defaultSeason().get("energyPrice");

    /** An 18-decimal ENERGY amount in tokens, e.g. "64 ENERGY", "0.5 ENERGY" (at most 6 decimals shown, rounded down). */
    public static String energy(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).setScale(6, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + " ENERGY";
    }

    /** A window's energyBurn as the ENERGY it locks at {@code price} wei per unit, e.g. "64 ENERGY". */
    public static String energyOfBurn(long energyBurn, BigInteger price) {
        return energy(BigInteger.valueOf(energyBurn).multiply(price));
    }

    /** The most ENERGY one amount may name: 10^18 tokens (far beyond any supply; keeps every sum inside uint256). */
    public static final BigInteger MAX_ENERGY_WEI = BigInteger.TEN.pow(36);

    /** Parses an ENERGY amount ("500", "0.25", at most 18 decimals) into 18-decimal units; zero and negatives are refused. */
    public static BigInteger parseEnergy(String option, String text) {
        BigDecimal v;
        try {
            v = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new ChainError(option + ": '" + text + "' is not an ENERGY amount (e.g. 500 or 0.25)");
        }
        if (v.signum() <= 0) throw new ChainError(option + ": '" + text + "' must be more than 0 ENERGY");
        if (v.scale() > 18 && v.stripTrailingZeros().scale() > 18) throw new ChainError(option + ": '" + text + "' has more than 18 decimals (1 wei = 0.000000000000000001 ENERGY)");
        if (v.compareTo(new BigDecimal(MAX_ENERGY_WEI).movePointLeft(18)) > 0) {
            throw new ChainError(option + ": '" + text + "' is more than the 1000000000000000000 ENERGY one amount may be");
        }
        return v.movePointRight(18).toBigIntegerExact();
    }

    public static String hex(byte[] b) {
        return "0x" + Hex.of(b);
    }

    public static String short32(byte[] b) {
        String h = Hex.of(b);
        return "0x" + h.substring(0, 10) + "…";
    }

    public static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }

    @Override
    public void close() {
        client.close();
    }
}
