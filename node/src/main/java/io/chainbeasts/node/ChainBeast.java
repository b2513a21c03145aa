package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.StoreException;
import io.chainbeasts.checkpoint.WindowRecord;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.contracts.OnChainSeason;
import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.core.Hex;
import io.chainbeasts.curriculum.PrivateSampling;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.PrivateDataset;
import io.chainbeasts.prover.Verifier;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A local beast store checked against the chain it is bound to, and what the chain says about its checkpoints. */
public final class ChainBeast {
    public final ChainSession s;
    public final BeastStore store;
    public final BeastStore.Identity id;
    public final long windows;

    private ChainBeast(ChainSession s, BeastStore store) {
        this.s = s;
        this.store = store;
        this.id = store.identity();
        this.windows = store.head().windows();
    }

    /** Opens DIR and checks its binding (chain id, ledger, minted token with the same seed_core and commitments). */
    public static ChainBeast open(ChainSession s, Path dir) {
        ChainBeast b;
        try {
            b = new ChainBeast(s, BeastStore.open(dir));
        } catch (StoreException e) {
            throw new ChainError(e.getMessage());
        }
        String ctx = s.command + ": --beast: " + dir;
        if (b.id.chainId() != s.client.chainId()) {
            throw new ChainError(ctx + " is bound to chain " + Long.toUnsignedString(b.id.chainId()) + ", this is chain " + s.client.chainId());
        }
        String ledger = s.d.ledger.getContractAddress();
        if (!Arrays.equals(b.id.ledger(), Hex.parse(ledger))) {
            throw new ChainError(ctx + " is bound to ledger 0x" + Hex.of(b.id.ledger()) + ", this deployment's CheckpointLedger is " + ledger
                    + " (hatch it with `chain hatch`)");
        }
        BigInteger minted = s.view(s.d.beasts.totalHatched(), "BeastNFT.totalHatched");
        if (b.id.beastId().signum() == 0 || b.id.beastId().compareTo(minted) > 0) {
            throw new ChainError(ctx + ": beast #" + b.id.beastId() + " is not minted on this chain (" + minted + " beasts exist)");
        }
        BigInteger seed = s.view(s.d.beasts.seedCore(b.id.beastId()), "BeastNFT.seedCore");
        byte[] cd = s.view(s.d.beasts.cDataset(b.id.beastId()), "BeastNFT.cDataset");
        byte[] sc = s.view(s.d.beasts.ownerSecretCommitment(b.id.beastId()), "BeastNFT.ownerSecretCommitment");
        if (seed.longValue() != b.id.seedCore() || !Arrays.equals(cd, b.id.datasetCommitment()) || !Arrays.equals(sc, b.id.secretCommitment())) {
            throw new ChainError(ctx + ": beast #" + b.id.beastId() + " on chain has seed_core 0x" + seed.toString(16) + ", C_dataset " + ChainSession.hex(cd)
                    + ", which is not this store's beast.json (seed_core 0x" + Long.toHexString(b.id.seedCore()) + ", C_dataset "
                    + ChainSession.hex(b.id.datasetCommitment()) + ")");
        }
        return b;
    }

    public String owner() {
        return s.view(s.d.beasts.ownerOf(id.beastId()), "BeastNFT.ownerOf");
    }

    public WindowRecord window(long i) {
        try {
            return store.window(i);
        } catch (StoreException e) {
            throw new ChainError(e.getMessage());
        }
    }

    /** (locked, deadline, windowIndex, globalStep, status) of a checkpoint hash on the ledger. */
    public org.web3j.tuples.generated.Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> record(byte[] h) {
        return s.view(s.d.ledger.records(h), "CheckpointLedger.records");
    }

    public CheckpointStatus status(byte[] h) {
        return CheckpointStatus.of(record(h).component5().intValue());
    }

    public DisputeManager.Dispute dispute(byte[] h) {
        return s.view(s.d.disputes.getDispute(h), "DisputeManager.getDispute");
    }

    public byte[] head() {
        return s.view(s.d.ledger.head(id.beastId()), "CheckpointLedger.head");
    }

    private List<io.chainbeasts.contracts.generated.CheckpointLedger.CheckpointSubmittedEventResponse> submitted;

    /**
     * Every checkpoint ever submitted for this beast (the CheckpointSubmitted events), in chain order;
     * read once per ChainBeast (one per command or validator pass).
     */
    public List<io.chainbeasts.contracts.generated.CheckpointLedger.CheckpointSubmittedEventResponse> submitted() {
        if (submitted == null) submitted = readSubmitted();
        return submitted;
    }

    private List<io.chainbeasts.contracts.generated.CheckpointLedger.CheckpointSubmittedEventResponse> readSubmitted() {
        List<io.chainbeasts.contracts.generated.CheckpointLedger.CheckpointSubmittedEventResponse> out = new ArrayList<>();
        for (Log l : s.logs(s.d.ledger.getContractAddress(), io.chainbeasts.contracts.generated.CheckpointLedger.CHECKPOINTSUBMITTED_EVENT, null,
                org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(id.beastId(), 64))) {
            out.add(io.chainbeasts.contracts.generated.CheckpointLedger.getCheckpointSubmittedEventFromLog(l));
        }
        return out;
    }

    /**
     * The payload submitted on chain for {@code window} on top of {@code prevCheckpoint}, from the
     * submitCheckpoint transaction's calldata (checked against the event's checkpoint hash), or null:
     * what a window whose local record is unreadable is judged from.
     */
    public byte[] payloadOnChain(long window, byte[] prevCheckpoint) {
        var all = submitted();
        // newest first: an earlier submission on the same parent was invalidated, the live one came after it
        for (int k = all.size() - 1; k >= 0; k--) {
            var ev = all.get(k);
            if (ev.windowIndex.longValue() != window) continue;
            byte[] payload = ChainHistory.payloadOf(s, ev.log.getTransactionHash(), ev.checkpointHash);
            if (payload == null) continue;
            try {
                if (Arrays.equals(io.chainbeasts.checkpoint.CheckpointPayload.decode(payload).prevCheckpointHash(), prevCheckpoint)) return payload;
            } catch (io.chainbeasts.core.DecodeException malformed) {
                // the ledger accepted it, so it decodes; skip it if not
            }
        }
        return null;
    }

    /** Validators that committed a verdict on dispute h (from the VerdictCommitted events; the voter list itself is private). */
    public List<String> voters(byte[] h) {
        try {
            EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, s.d.disputes.getContractAddress());
            f.addSingleTopic(EventEncoder.encode(DisputeManager.VERDICTCOMMITTED_EVENT));
            f.addSingleTopic(ChainSession.hex(h));
            EthLog logs = s.client.web3j().ethGetLogs(f).send();
            List<String> out = new ArrayList<>();
            if (logs.hasError()) return out;
            for (EthLog.LogResult<?> lr : logs.getLogs()) {
                List<String> t = ((Log) lr.get()).getTopics();
                if (t.size() > 2) out.add("0x" + t.get(2).substring(t.get(2).length() - 40).toLowerCase());
            }
            return out;
        } catch (java.io.IOException e) {
            throw new ChainError(s.command + ": " + s.endpoint + ": " + ChainSession.rootMessage(e));
        }
    }

    /** The constants the verifier must use: the ones on chain. */
    public record Constants(SeasonConstants season, TrainingConstants training, Map<String, BigInteger> raw) {}

    public static Constants constants(ChainSession s) {
        Map<String, BigInteger> raw;
        try {
            raw = registry(s, org.web3j.protocol.core.DefaultBlockParameterName.LATEST);
            return constants(s, raw);
        } catch (ChainError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ChainError(s.command + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ChainError(s.command + ": SeasonRegistry: " + ChainSession.rootMessage(e));
        }
    }

    /**
     * Every key of SeasonRegistry ({@link OnChainSeason#allKeys}) as of block {@code at}, in ONE JSON-RPC batch of
     * eth_calls (a node reads them at every start: one round trip instead of one per key).
     */
    static Map<String, BigInteger> registry(ChainSession s, org.web3j.protocol.core.DefaultBlockParameter at) {
        List<String> keys = OnChainSeason.allKeys();
        var w = s.client.web3j();
        var batch = w.newBatch();
        String addr = s.d.season.getContractAddress();
        for (String k : keys) {
            batch.add(w.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(null, addr,
                    s.d.season.get(io.chainbeasts.contracts.Deployment.key(k)).encodeFunctionCall()), at));
        }
        List<? extends org.web3j.protocol.core.Response<?>> replies;
        try {
            replies = batch.send().getResponses();
        } catch (java.io.IOException e) {
            throw new ChainError(s.command + ": " + s.endpoint + ": " + ChainSession.rootMessage(e));
        }
        if (replies.size() != keys.size()) throw new ChainError(s.command + ": SeasonRegistry: " + replies.size() + " replies to " + keys.size() + " reads");
        Map<String, BigInteger> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            var r = (org.web3j.protocol.core.methods.response.EthCall) replies.get(i);
            if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().length() != 66) {
                throw new ChainError(s.command + ": SeasonRegistry.get(" + keys.get(i) + "): "
                        + (r.hasError() ? r.getError().getMessage() : r.isReverted() ? "reverted" : "no value"));
            }
            out.put(keys.get(i), org.web3j.utils.Numeric.toBigInt(r.getValue()));
        }
        return out;
    }

    /**
     * The constants each window is judged under: those in force at the point in the chain (block and log
     * index, so a change applied later in the same block does not count) where its checkpoint was
     * submitted. A governance change applies to checkpoints submitted after it, never to history; windows
     * not on chain get today's. SeasonRegistry is read once per governance era used (an archive node is
     * needed for old blocks on a real network).
     */
    public Map<Long, Constants> constantsAsSubmitted() {
        Map<String, SeasonEras.Position> submittedAt = new java.util.HashMap<>();
        for (var ev : submitted()) submittedAt.putIfAbsent(Hex.of(ev.checkpointHash), SeasonEras.Position.of(ev.log));
        SeasonEras eras = new SeasonEras(s);
        Map<Long, Constants> out = new java.util.TreeMap<>();
        byte[] prevHash = new byte[32];
        for (long i = 0; i < windows; i++) {
            byte[] hash;
            try {
                hash = window(i).checkpointHash();
            } catch (ChainError unreadable) {
                // the verifier judges this window from its payload on chain: find that payload's submission
                byte[] p = prevHash == null ? null : payloadOnChain(i, prevHash);
                hash = p == null ? null : io.chainbeasts.core.Keccak256.hash(p);
            }
            prevHash = hash;
            out.put(i, eras.at(hash == null ? null : submittedAt.get(Hex.of(hash))));
        }
        return out;
    }

    static Constants constants(ChainSession s, Map<String, BigInteger> raw) {
        try {
            return new Constants(OnChainSeason.seasonConstants(raw), OnChainSeason.trainingConstants(raw), raw);
        } catch (IllegalArgumentException e) {
            throw new ChainError(s.command + ": " + e.getMessage());
        }
    }

    /**
     * Replays every window, each under the constants in force when its checkpoint was submitted
     * ({@link #constantsAsSubmitted}); one verifier pass per distinct set of constants, usually one.
     */
    public Verifier.Report verifyAsSubmitted(PrivateDataset dataset, byte[] secret, io.chainbeasts.engine.TrainingBackend backend,
                                             ReplayProgress progress) {
        Map<Long, Constants> perWindow = constantsAsSubmitted();
        Constants now = constants(s);
        // keyed by what the replay depends on (season and training), not protocol-only keys such as energyPrice
        Map<List<Object>, Verifier.Report> reports = new java.util.LinkedHashMap<>();
        reports.put(List.of(now.season(), now.training()), verify(now, dataset, secret, backend, progress));
        for (Constants c : perWindow.values()) reports.computeIfAbsent(List.of(c.season(), c.training()), k -> verify(c, dataset, secret, backend, progress));
        Verifier.Report base = reports.get(List.of(now.season(), now.training()));
        List<Verifier.WindowVerdict> merged = new ArrayList<>();
        for (Verifier.WindowVerdict v : base.verdicts()) {
            Constants c = v.window() < windows ? perWindow.get(v.window()) : null;
            Verifier.WindowVerdict own = c == null ? null : verdictOf(reports.get(List.of(c.season(), c.training())), v.window());
            merged.add(own != null ? own : v);
        }
        return new Verifier.Report(base.identity(), base.windows(), merged);
    }

    /**
     * Replays every window under one set of constants with the prover's Verifier (private windows fully when
     * {@code dataset} is given), on {@code backend} (64 windows per call; null = the Java backend, one thread).
     */
    public Verifier.Report verify(Constants c, PrivateDataset dataset, byte[] secret, io.chainbeasts.engine.TrainingBackend backend,
                                  ReplayProgress progress) {
        long fold = dataset == null ? 0 : PrivateSampling.fold(secret);
        Verifier v = new Verifier(store, c.season(), c.training(), dataset, fold,
                backend == null ? new io.chainbeasts.engine.JavaBackend(1) : backend, this::payloadOnChain);
        long[] done = {0};
        try (ReplayProgress.Pass pass = progress.begin(s.command + ": replaying beast #" + id.beastId(), windows)) {
            return v.verifyAll(w -> pass.update(++done[0]));
        } catch (StoreException e) {
            throw new ChainError(e.getMessage());
        }
    }

    public static Verifier.WindowVerdict verdictOf(Verifier.Report r, long window) {
        for (Verifier.WindowVerdict w : r.verdicts()) if (w.window() == window && !w.ofHead()) return w; // a verdict on HEAD is no window's
        return null;
    }

    /** A revealed {dataset, S_owner}, checked against this beast's commitments. */
    public record Reveal(byte[] dataset, byte[] secret, PrivateDataset opened) {}

    public Reveal checkReveal(byte[] datasetBytes, byte[] secret, SeasonConstants season, String what) {
        return checkReveal(datasetBytes, what, secret, what, season);
    }

    /** As above, each half named by where it came from ({@code --dataset D.zst}, {@code --secret F}), so an error names the right one. */
    public Reveal checkReveal(byte[] datasetBytes, String datasetWhat, byte[] secret, String secretWhat, SeasonConstants season) {
        try {
            PrivateDataset d = PrivateDataset.fromStored(datasetWhat, datasetBytes, id.datasetCommitment(), season);
            if (!Arrays.equals(io.chainbeasts.core.Keccak256.hash(secret), id.secretCommitment())) {
                throw new ChainError(s.command + ": " + secretWhat + ": keccak256(S_owner) is not the beast's secret commitment " + ChainSession.hex(id.secretCommitment()));
            }
            return new Reveal(datasetBytes, secret, d);
        } catch (DatasetException e) {
            throw new ChainError(s.command + ": " + e.getMessage()); // the dataset's errors name it already
        }
    }

    /**
     * The reveal of a dispute as it is on chain: the DatasetRevealed event names the transaction, whose
     * calldata is revealDataset(h, dataset, S_owner). Null when nothing was revealed (or by a contract).
     */
    public Reveal revealFromChain(byte[] h, SeasonConstants season) {
        try {
            EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, s.d.disputes.getContractAddress());
            f.addSingleTopic(EventEncoder.encode(DisputeManager.DATASETREVEALED_EVENT));
            f.addSingleTopic(ChainSession.hex(h));
            EthLog logs = s.client.web3j().ethGetLogs(f).send();
            if (logs.hasError()) throw new ChainError(s.command + ": eth_getLogs: " + logs.getError().getMessage());
            for (EthLog.LogResult<?> lr : logs.getLogs()) {
                Log log = (Log) lr.get();
                var tx = s.client.web3j().ethGetTransactionByHash(log.getTransactionHash()).send().getTransaction();
                if (tx.isEmpty()) continue;
                String input = tx.get().getInput();
                String sel = "0x" + io.chainbeasts.contracts.ContractErrors.selector("revealDataset(bytes32,bytes,bytes32)");
                if (!input.startsWith(sel)) continue;
                List<TypeReference<?>> types = new ArrayList<>();
                types.add(new TypeReference<Bytes32>() { });
                types.add(new TypeReference<DynamicBytes>() { });
                types.add(new TypeReference<Bytes32>() { });
                @SuppressWarnings({"unchecked", "rawtypes"})
                List<Type> vals = FunctionReturnDecoder.decode(input.substring(sel.length()), (List) types);
                byte[] data = ((DynamicBytes) vals.get(1)).getValue();
                byte[] secret = ((Bytes32) vals.get(2)).getValue();
                return checkReveal(data, secret, season, "dataset revealed on chain in " + log.getTransactionHash());
            }
            return null;
        } catch (java.io.IOException e) {
            throw new ChainError(s.command + ": " + s.endpoint + ": " + ChainSession.rootMessage(e));
        }
    }
}
