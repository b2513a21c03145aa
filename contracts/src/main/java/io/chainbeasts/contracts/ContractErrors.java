package io.chainbeasts.contracts;

import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Json;
import io.chainbeasts.core.Keccak256;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes revert data into typed errors. web3j codegen makes no types for Solidity custom errors,
 * so the selectors (first 4 bytes of keccak256("Name(type,...)")) are built here from the ABIs the
 * build put on the classpath under {@code solidity/*.abi}.
 */
public final class ContractErrors {
    public static final List<String> CONTRACTS = List.of("BeastNFT", "Energy", "SeasonRegistry", "CheckpointLedger",
            "ValidatorRegistry", "DisputeManager", "DisputeGame", "ForcedErrors", "ProgrammedStepVerifier", "ReentrantPayee",
            "StepVerifier", "StepSampler", "StepTeacher", "StepNet");

    record ErrorDef(String name, List<String> types, List<String> names) {}

    /** Error parameters that are unix times: shown with their UTC date as well. */
    private static final java.util.Set<String> TIMES = java.util.Set.of("deadline", "opensAfter", "nowTs", "releaseAt", "eta", "expiredAt",
            "graceEnds", "challengeDeadline");

    private static final Map<String, ErrorDef> BY_SELECTOR = load();

    private ContractErrors() {}

    private static Map<String, ErrorDef> load() {
        Map<String, ErrorDef> m = new TreeMap<>();
        m.put("08c379a0", new ErrorDef("Error", List.of("string"), List.of("")));
        m.put("4e487b71", new ErrorDef("Panic", List.of("uint256"), List.of("")));
        for (String c : CONTRACTS) {
            try (InputStream in = ContractErrors.class.getResourceAsStream("/solidity/" + c + ".abi")) {
                if (in == null) throw new IllegalStateException("ABI solidity/" + c + ".abi missing from the classpath (build the contracts module)");
                for (Object o : Json.arr(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), c + ".abi")) {
                    Map<String, Object> e = Json.obj(o, c + ".abi entry");
                    if (!"error".equals(e.get("type"))) continue;
                    List<String> types = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    for (Object in2 : Json.arr(e.get("inputs"), "inputs")) {
                        Map<String, Object> input = Json.obj(in2, "input");
                        types.add(Json.str(input, "type"));
                        names.add(input.get("name") instanceof String n ? n : "");
                    }
                    String sig = Json.str(e, "name") + "(" + String.join(",", types) + ")";
                    m.put(selector(sig), new ErrorDef(Json.str(e, "name"), types, names));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }

    public static String selector(String signature) {
        return Hex.of(Keccak256.hash(signature.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    }

    /**
     * The one place a failed call or transaction becomes a typed error: the JSON-RPC error's data (the
     * revert bytes) decoded by selector; an error without revert data is {@code RpcError(code, message)},
     * a revert without an error object {@code Error(reason)}.
     */
    public static ContractRevertException fromRpc(org.web3j.protocol.core.Response.Error err, String reason, String context) {
        String data = err == null || err.getData() == null ? null : err.getData().replace("\"", "").trim();
        if (data != null && data.startsWith("0x")) return decode(data, context);
        if (err != null) return new ContractRevertException("RpcError", List.of(err.getCode(), err.getMessage()), null, context);
        return new ContractRevertException("Error", List.of(String.valueOf(reason)), null, context);
    }

    /**
     * A bytes32 that holds a short name (printable ASCII, then zero padding), as DisputeGame's WrongContext names the
     * context field: the name itself, so the one-line error reads {@code WrongContext(season, ...)}; else null.
     */
    static String label(byte[] b) {
        if (b.length != 32 || b[0] == 0) return null;
        int n = 0;
        while (n < 32 && b[n] != 0) {
            if (b[n] < 0x20 || b[n] > 0x7e) return null;
            n++;
        }
        for (int i = n; i < 32; i++) if (b[i] != 0) return null;
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Decodes 0x-prefixed revert data by its selector; unknown selectors come back as {@code Unknown(0x...)}. */
    public static ContractRevertException decode(String data, String context) {
        String hex = data == null ? "" : (data.startsWith("0x") ? data.substring(2) : data);
        if (hex.length() < 8) return new ContractRevertException("EmptyRevert", List.of(), data, context);
        ErrorDef def = BY_SELECTOR.get(hex.substring(0, 8).toLowerCase(java.util.Locale.ROOT));
        if (def == null) return new ContractRevertException("Unknown", List.of("0x" + hex), data, context);
        List<TypeReference<Type>> refs = new ArrayList<>();
        try {
            for (String t : def.types()) refs.add(TypeReference.makeTypeReference(t));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot decode error type in " + def.name() + ": " + e.getMessage(), e);
        }
        List<Object> args = new ArrayList<>();
        List<Type> decoded = FunctionReturnDecoder.decode("0x" + hex.substring(8), refs);
        for (int i = 0; i < decoded.size(); i++) {
            Object v = decoded.get(i).getValue();
            if (v instanceof byte[] b) args.add(label(b) != null ? label(b) : "0x" + Hex.of(b));
            else if (v instanceof java.math.BigInteger n && TIMES.contains(def.names().get(i)) && n.bitLength() < 40) {
                args.add(n + " (" + java.time.Instant.ofEpochSecond(n.longValue()) + ")"); // a deadline people can read
            } else args.add(v);
        }
        return new ContractRevertException(def.name(), args, data, context);
    }
}
