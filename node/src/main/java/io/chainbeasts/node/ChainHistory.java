package io.chainbeasts.node;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.checkpoint.CheckpointPayload;
import io.chainbeasts.contracts.ContractErrors;
import io.chainbeasts.contracts.generated.BeastNFT;
import io.chainbeasts.contracts.generated.CheckpointLedger;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the chain itself says about every beast, read with no owner's files: the beasts (BeastNFT's Hatched
 * events, with seed_core and commitments), and each beast's live checkpoint chain (the CheckpointSubmitted
 * events, the payloads from their transactions' calldata checked against the events' hashes, invalidated
 * checkpoints left out, and at each window the newest submission on the live parent).
 */
public final class ChainHistory {
    /** A submitted checkpoint: its payload, and where it was submitted (for the constants of its era). */
    public record Submission(byte[] payload, byte[] checkpointHash, SeasonEras.Position at) {}

    private static final String SUBMIT = "0x" + ContractErrors.selector("submitCheckpoint(uint256,bytes)");
    /** submitCheckpointUnder(beastId, payload, seasonVersion): the same two leading arguments, so one decoder reads both. */
    private static final String SUBMIT_UNDER = "0x" + ContractErrors.selector("submitCheckpointUnder(uint256,bytes,uint256)");
    /** ForcedErrors.post (a protocol window, spec/contracts.md "Forced errors"): its payload is the second argument too. */
    private static final String FORCED_POST = "0x" + ContractErrors.selector("post(uint256,bytes,uint256,bytes32)");

    private final ChainSession s;
    private final DefaultBlockParameter upTo;
    /**
     * Payloads already read from calldata, by checkpoint hash: content-addressed (a payload is what hashes to its key),
     * so a node that keeps this map across passes fetches each submit transaction once, reorgs included.
     */
    private final Map<String, byte[]> payloads;

    /** The history up to the latest block. */
    public ChainHistory(ChainSession s) {
        this(s, null);
    }

    /** The history up to block {@code upTo} (a node reads only blocks with enough confirmations); null: the latest. */
    public ChainHistory(ChainSession s, BigInteger upTo) {
        this(s, upTo, new java.util.HashMap<>());
    }

    /** As {@link #ChainHistory(ChainSession, BigInteger)}, reading payloads through {@code payloads} (checkpoint hash hex to payload; filled here). */
    public ChainHistory(ChainSession s, BigInteger upTo, Map<String, byte[]> payloads) {
        this.s = s;
        this.upTo = upTo == null ? DefaultBlockParameterName.LATEST : DefaultBlockParameter.valueOf(upTo);
        this.payloads = payloads;
    }

    /** Every beast hatched on this deployment, in token order, as the identity its checkpoints must bind to. */
    public List<BeastStore.Identity> beasts() {
        byte[] ledger = Hex.parse(s.d.ledger.getContractAddress());
        List<BeastStore.Identity> out = new ArrayList<>();
        for (Log l : logs(s.d.beasts.getContractAddress(), BeastNFT.HATCHED_EVENT)) {
            BeastNFT.HatchedEventResponse ev = BeastNFT.getHatchedEventFromLog(l);
            out.add(new BeastStore.Identity(ev.seedCore.longValue(), s.client.chainId(), ledger, ev.beastId, ev.cDataset, ev.ownerSecretCommitment));
        }
        out.sort(java.util.Comparator.comparing(BeastStore.Identity::beastId));
        return out;
    }

    /** Each beast's live checkpoint chain (window 0, 1, ...), by beast id. */
    public Map<BigInteger, List<Submission>> liveChains() {
        Set<String> invalidated = new HashSet<>();
        for (Log l : logs(s.d.ledger.getContractAddress(), CheckpointLedger.CHECKPOINTINVALIDATED_EVENT)) {
            invalidated.add(Hex.of(CheckpointLedger.getCheckpointInvalidatedEventFromLog(l).checkpointHash));
        }
        Map<BigInteger, List<Submission>> byBeast = new LinkedHashMap<>();
        for (Log l : logs(s.d.ledger.getContractAddress(), CheckpointLedger.CHECKPOINTSUBMITTED_EVENT)) {
            CheckpointLedger.CheckpointSubmittedEventResponse ev = CheckpointLedger.getCheckpointSubmittedEventFromLog(l);
            if (invalidated.contains(Hex.of(ev.checkpointHash))) continue;
            String key = Hex.of(ev.checkpointHash);
            byte[] payload = payloads.get(key);
            if (payload == null) {
                payload = payloadOf(s, l.getTransactionHash(), ev.checkpointHash);
                if (payload != null) payloads.put(key, payload);
            }
            if (payload == null) continue; // submitted by a contract: its payload is not in the calldata (see spec/contracts.md)
            byBeast.computeIfAbsent(ev.beastId, k -> new ArrayList<>()).add(new Submission(payload, ev.checkpointHash, SeasonEras.Position.of(l)));
        }
        Map<BigInteger, List<Submission>> out = new LinkedHashMap<>();
        for (Map.Entry<BigInteger, List<Submission>> e : byBeast.entrySet()) out.put(e.getKey(), live(e.getValue()));
        return out;
    }

    /** A dispute game still running: on which checkpoint of which beast, who filed it against whom, and the bond. */
    public record OpenDispute(byte[] checkpointHash, BigInteger beastId, String challenger, String trainer, BigInteger bond) {}

    /** Every dispute game filed and not yet resolved (DisputeGame's DisputeFiled events without a later DisputeResolved); none without a game. */
    public List<OpenDispute> openDisputes() {
        if (s.d.game == null) return List.of();
        String game = s.d.game.getContractAddress();
        Map<String, OpenDispute> open = new LinkedHashMap<>();
        List<Log> all = new ArrayList<>(logs(game, io.chainbeasts.contracts.generated.DisputeGame.DISPUTEFILED_EVENT));
        all.addAll(logs(game, io.chainbeasts.contracts.generated.DisputeGame.DISPUTERESOLVED_EVENT));
        all.sort(java.util.Comparator.comparing(SeasonEras.Position::of));
        String filed = EventEncoder.encode(io.chainbeasts.contracts.generated.DisputeGame.DISPUTEFILED_EVENT);
        for (Log l : all) {
            if (l.getTopics().get(0).equalsIgnoreCase(filed)) {
                var ev = io.chainbeasts.contracts.generated.DisputeGame.getDisputeFiledEventFromLog(l);
                open.put(Hex.of(ev.checkpointHash), new OpenDispute(ev.checkpointHash, ev.beastId, ev.challenger, ev.trainer, ev.bond));
            } else {
                open.remove(Hex.of(io.chainbeasts.contracts.generated.DisputeGame.getDisputeResolvedEventFromLog(l).checkpointHash));
            }
        }
        return new ArrayList<>(open.values());
    }

    /**
     * What the owners of private windows revealed in dispute games, by checkpoint hash (hex): S_owner and the used records
     * of each DigestsPosted event with a non-zero secret (a public window's owner reveals none), the newest per checkpoint
     * (a re-filed game's comes last); none without a game. The records are checked against R_dataset where they are used.
     */
    public Map<String, io.chainbeasts.contracts.generated.DisputeGame.DigestsPostedEventResponse> reveals() {
        Map<String, io.chainbeasts.contracts.generated.DisputeGame.DigestsPostedEventResponse> out = new LinkedHashMap<>();
        if (s.d.game == null) return out;
        for (Log l : logs(s.d.game.getContractAddress(), io.chainbeasts.contracts.generated.DisputeGame.DIGESTSPOSTED_EVENT)) {
            var ev = io.chainbeasts.contracts.generated.DisputeGame.getDigestsPostedEventFromLog(l);
            if (ev.ownerSecret != null && !Arrays.equals(ev.ownerSecret, new byte[32])) out.put(Hex.of(ev.checkpointHash), ev);
        }
        return out;
    }

    /** Follows the chain from the genesis parent: at each step the newest submission whose parent is the previous one. */
    static List<Submission> live(List<Submission> all) {
        List<Submission> chain = new ArrayList<>();
        byte[] parent = new byte[32];
        while (true) {
            Submission next = null;
            for (Submission sub : all) {
                byte[] prev;
                try {
                    prev = CheckpointPayload.decode(sub.payload()).prevCheckpointHash();
                } catch (DecodeException e) {
                    continue; // the ledger accepted it, so it decodes; skip it if not
                }
                if (Arrays.equals(prev, parent)) next = sub; // events are in chain order: the last one wins
            }
            if (next == null) return chain;
            chain.add(next);
            parent = next.checkpointHash();
        }
    }

    /**
     * The payload of a submit transaction (submitCheckpoint or submitCheckpointUnder), when its calldata holds one that
     * hashes to {@code checkpointHash}; else null (a submission made by a contract, or a transaction that is no submit).
     */
    static byte[] payloadOf(ChainSession s, String txHash, byte[] checkpointHash) {
        try {
            var tx = s.client.web3j().ethGetTransactionByHash(txHash).send().getTransaction();
            if (tx.isEmpty()) return null;
            String input = tx.get().getInput();
            String sel = input.startsWith(SUBMIT) ? SUBMIT : input.startsWith(SUBMIT_UNDER) ? SUBMIT_UNDER
                    : input.startsWith(FORCED_POST) ? FORCED_POST : null;
            if (sel == null) return null;
            List<TypeReference<?>> types = new ArrayList<>();
            types.add(new TypeReference<Uint256>() { });
            types.add(new TypeReference<DynamicBytes>() { });
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Type> vals = FunctionReturnDecoder.decode(input.substring(sel.length()), (List) types);
            byte[] payload = ((DynamicBytes) vals.get(1)).getValue();
            return Arrays.equals(Keccak256.hash(payload), checkpointHash) ? payload : null;
        } catch (IOException e) {
            throw new ChainError(s.command + ": " + s.endpoint + ": " + ChainSession.rootMessage(e));
        } catch (RuntimeException malformed) {
            return null; // calldata that does not decode is no payload of ours
        }
    }

    private List<Log> logs(String address, Event event) {
        return s.logs(address, event, upTo);
    }
}
