package io.chainbeasts.contracts;

import io.chainbeasts.contracts.generated.StepNet;
import io.chainbeasts.contracts.generated.StepSampler;
import io.chainbeasts.contracts.generated.StepTeacher;
import io.chainbeasts.contracts.generated.StepVerifier;
import io.chainbeasts.core.Hex;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The one-step verifier deployed on its own anvil: StepNet, StepTeacher, StepSampler(net), StepVerifier(...). */
final class StepVerifierChain implements AutoCloseable {
    final Anvil anvil;
    final ChainClient client;
    final String verifier;
    final String sampler;
    final String teacher;
    final String net;
    final org.web3j.protocol.http.HttpService http;
    final java.util.Map<String, BigInteger> deployGas = new java.util.LinkedHashMap<>();

    StepVerifierChain() throws IOException {
        anvil = Anvil.start(2);
        client = new ChainClient(anvil.rpcUrl(), anvil.privateKeys());
        http = new org.web3j.protocol.http.HttpService(anvil.rpcUrl());
        net = deploy("StepNet", StepNet.BINARY, "");
        teacher = deploy("StepTeacher", StepTeacher.BINARY, "");
        sampler = deploy("StepSampler", StepSampler.BINARY, FunctionEncoder.encodeConstructor(List.of(new Address(net))));
        verifier = deploy("StepVerifier", StepVerifier.BINARY,
                FunctionEncoder.encodeConstructor(List.of(new Address(sampler), new Address(teacher), new Address(net))));
    }

    private String deploy(String name, String bin, String args) {
        var r = client.deploy(client.account(0), bin, args, name);
        deployGas.put(name, r.getGasUsed());
        return r.getContractAddress();
    }

    /** The verifier's packed debug output (see StepVerifier.stepPost), decoded. */
    record Post(byte[] state, byte[] lineage, long loss, long energy, int source, int[] label, int[] losses, byte[] preDigest,
                byte[] postDigest, byte[] board) {
        static final int STATE = 53_317;

        static Post decode(byte[] b) {
            java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(b);
            byte[] st = new byte[STATE];
            r.get(st);
            byte[] lin = new byte[32];
            r.get(lin);
            long loss = r.getLong();
            long energy = r.getLong();
            int source = r.get() & 0xFF;
            int[] label = {r.get() & 0xFF, r.get() & 0xFF, r.get() & 0xFF, r.get() & 0xFF};
            int[] losses = {r.getInt(), r.getInt(), r.getInt()};
            byte[] pre = new byte[32];
            r.get(pre);
            byte[] post = new byte[32];
            r.get(post);
            byte[] board = new byte[r.remaining()];
            r.get(board);
            return new Post(st, lin, loss, energy, source, label, losses, pre, post, board);
        }
    }

    static Function stepFunction(String name, StepTrace.Step s, List<TypeReference<?>> out) {
        return stepFunction(name, s.k(), s.pre(), s.ctx(), s.lineage(), s.loss(), s.energy(), s.witness(), out);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Function stepFunction(String name, int k, byte[] pre, byte[] ctx, byte[] lineage, long loss, long energy, byte[] witness,
                                 List<TypeReference<?>> out) {
        List<Type> in = List.of(new Uint8(k), new DynamicBytes(pre), new DynamicBytes(ctx), new Bytes32(lineage), new Int64(loss),
                new Int64(energy), new DynamicBytes(witness));
        return new Function(name, in, (List) out);
    }

    /** eth_call of stepPost; a revert throws the decoded ContractRevertException. */
    Post stepPost(StepTrace.Step s) {
        return Post.decode(callBytes(FunctionEncoder.encode(stepFunction("stepPost", s, List.of(new TypeReference<DynamicBytes>() {})))));
    }

    /** eth_call of step (the IStepVerifier entry point): (D_k, D_{k+1}). */
    byte[][] step(int k, byte[] pre, byte[] ctx, byte[] lineage, long loss, long energy, byte[] witness) {
        Function f = stepFunction("step", k, pre, ctx, lineage, loss, energy, witness,
                List.of(new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {}));
        String raw = call(FunctionEncoder.encode(f));
        List<Type> v = FunctionReturnDecoder.decode(raw, f.getOutputParameters());
        return new byte[][] {(byte[]) v.get(0).getValue(), (byte[]) v.get(1).getValue()};
    }

    /** Gas of the whole step() transaction (eth_estimateGas: execution, calldata and the EIP-7623 floor). */
    long stepGas(StepTrace.Step s) {
        String data = FunctionEncoder.encode(stepFunction("step", s, List.of(new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {})));
        try {
            EthEstimateGas g = client.web3j().ethEstimateGas(Transaction.createEthCallTransaction(client.account(0).getAddress(), verifier, data)).send();
            if (g.hasError()) throw ContractErrors.fromRpc(g.getError(), null, "StepVerifier");
            return g.getAmountUsed().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** debug_traceCall's callTracer frame (the fields used here). */
    public static final class Frame {
        public String to;
        public String gasUsed;
        public String input;
        public List<Frame> calls = List.of();

        long gas() {
            return Long.decode(gasUsed);
        }
    }

    public static final class TraceResponse extends org.web3j.protocol.core.Response<Frame> {}

    /**
     * Gas of one step() call by part, from anvil's call tracer: {whole call (with the intrinsic and calldata gas),
     * StepSampler.draw (with its calls), the StepNet.policy calls inside it, StepTeacher.label, StepNet.train}.
     */
    long[] partsGas(StepTrace.Step s) {
        String data = FunctionEncoder.encode(stepFunction("step", s, List.of(new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {})));
        Map<String, Object> tx = new java.util.LinkedHashMap<>();
        tx.put("from", client.account(0).getAddress());
        tx.put("to", verifier);
        tx.put("data", data);
        tx.put("gas", "0x1c9c380");
        try {
            TraceResponse r = new org.web3j.protocol.core.Request<>("debug_traceCall", List.of(tx, "latest", Map.of("tracer", "callTracer")),
                    http, TraceResponse.class).send();
            if (r.hasError()) throw new IllegalStateException("debug_traceCall: " + r.getError().getMessage());
            Frame top = r.getResult();
            long[] out = {top.gas(), 0, 0, 0, 0};
            for (Frame f : top.calls) {
                if (f.to.equalsIgnoreCase(sampler)) {
                    out[1] += f.gas();
                    for (Frame g : f.calls) out[2] += g.gas();
                } else if (f.to.equalsIgnoreCase(teacher)) {
                    out[3] += f.gas();
                } else if (f.to.equalsIgnoreCase(net)) {
                    out[4] += f.gas();
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] callBytes(String data) {
        String raw = call(data);
        List<Type> v = FunctionReturnDecoder.decode(raw, List.of((TypeReference) new TypeReference<DynamicBytes>() {}));
        return (byte[]) v.get(0).getValue();
    }

    private String call(String data) {
        try {
            EthCall r = client.web3j().ethCall(Transaction.createEthCallTransaction(client.account(0).getAddress(), verifier, data),
                    DefaultBlockParameterName.LATEST).send();
            if (r.hasError() || r.isReverted()) throw ContractErrors.fromRpc(r.getError(), r.getRevertReason(), "StepVerifier");
            return r.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first byte offset where two arrays differ (-1: equal), for mismatch reports. */
    static int firstDiff(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return a.length == b.length ? -1 : n;
    }

    /** The state field holding byte offset {@code off} (header field, or w1/b1/w2/b2 with its index). */
    static String stateField(int off) {
        if (off < 41) return "header+" + off;
        int o = off - 41;
        if (o < 4 * 64 * 200) return "w1[" + (o / 4) / 200 + "][" + (o / 4) % 200 + "]";
        o -= 4 * 64 * 200;
        if (o < 4 * 64) return "b1[" + o / 4 + "]";
        o -= 4 * 64;
        if (o < 4 * 7 * 64) return "w2[" + (o / 4) / 64 + "][" + (o / 4) % 64 + "]";
        o -= 4 * 7 * 64;
        return "b2[" + o / 4 + "]";
    }

    static String hex(byte[] b, int from, int len) {
        return Hex.of(Arrays.copyOfRange(b, Math.max(0, from), Math.min(b.length, from + len)));
    }

    @Override
    public void close() {
        client.close();
        anvil.close();
    }
}
