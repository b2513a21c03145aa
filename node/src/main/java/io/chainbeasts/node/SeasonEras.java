package io.chainbeasts.node;

import io.chainbeasts.contracts.OnChainSeason;
import io.chainbeasts.core.Hex;
import org.web3j.protocol.core.methods.response.Log;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The governed constants over the chain's history: SeasonRegistry's applied changes divide it into eras, and
 * a checkpoint is judged under the constants of the era it was submitted in (a change applies to checkpoints
 * submitted after it, never to history; a change applied later in the same block does not count). The
 * registry is read once per era asked for (an archive node is needed for old blocks on a real network).
 */
public final class SeasonEras {
    private final ChainSession s;
    private final List<Applied> applied;
    private final Map<Integer, ChainBeast.Constants> byEra = new HashMap<>();

    /** Where an event sits in the chain: block, then log index within the block. */
    public record Position(BigInteger block, BigInteger index) implements Comparable<Position> {
        public static Position of(Log l) {
            return new Position(l.getBlockNumber(), l.getLogIndex());
        }

        @Override
        public int compareTo(Position o) {
            int c = block.compareTo(o.block);
            return c != 0 ? c : index.compareTo(o.index);
        }
    }

    /** One applied governance change (SeasonRegistry's Applied event). */
    public record Applied(Position at, String keyHex, BigInteger value) {}

    public SeasonEras(ChainSession s) {
        this(s, appliedChanges(s));
    }

    private SeasonEras(ChainSession s, List<Applied> applied) {
        this.s = s;
        this.applied = applied;
        byEra.put(applied.size(), ChainBeast.constants(s));
    }

    /**
     * The eras as the chain has them now: these very ones (every era's constants already read kept) when no governance
     * change was applied since, else read anew. A node calls this every pass: one log query instead of reading the
     * whole registry again.
     */
    public SeasonEras refreshed() {
        List<Applied> now = appliedChanges(s);
        return now.equals(applied) ? this : new SeasonEras(s, now);
    }

    /** Today's constants (those after every applied change). */
    public ChainBeast.Constants now() {
        return byEra.get(applied.size());
    }

    /** The constants in force at {@code at} (a submission's position); today's when {@code at} is null. */
    public ChainBeast.Constants at(Position at) {
        if (at == null) return now();
        int era = 0; // how many governance changes precede the submission
        while (era < applied.size() && applied.get(era).at().compareTo(at) < 0) era++;
        return byEra.computeIfAbsent(era, this::eraConstants);
    }

    /**
     * The constants after the first {@code era} changes (era < applied.size()): the registry's state at the
     * end of the block before change number {@code era}, plus the earlier changes of that same block.
     */
    private ChainBeast.Constants eraConstants(int era) {
        BigInteger block = applied.get(era).at().block();
        Map<String, BigInteger> raw;
        try {
            raw = ChainBeast.registry(s, org.web3j.protocol.core.DefaultBlockParameter.valueOf(block.subtract(BigInteger.ONE)));
        } catch (RuntimeException e) {
            throw new ChainError(s.command + ": SeasonRegistry at block " + block.subtract(BigInteger.ONE) + ": " + ChainSession.rootMessage(e));
        }
        Map<String, String> nameOf = new HashMap<>();
        for (String k : OnChainSeason.allKeys()) nameOf.put(Hex.of(io.chainbeasts.contracts.Deployment.key(k)), k);
        for (int j = 0; j < era; j++) {
            Applied a = applied.get(j);
            String name = nameOf.get(a.keyHex());
            if (a.at().block().equals(block) && name != null) raw.put(name, a.value());
        }
        return ChainBeast.constants(s, raw);
    }

    /** SeasonRegistry's Applied events, in chain order. */
    private static List<Applied> appliedChanges(ChainSession s) {
        List<Applied> out = new ArrayList<>();
        for (Log l : s.logs(s.d.season.getContractAddress(), io.chainbeasts.contracts.generated.SeasonRegistry.APPLIED_EVENT, null)) {
            String data = org.web3j.utils.Numeric.cleanHexPrefix(l.getData());
            out.add(new Applied(Position.of(l), org.web3j.utils.Numeric.cleanHexPrefix(l.getTopics().get(2)).toLowerCase(),
                    new BigInteger(data.substring(0, 64), 16)));
        }
        out.sort(java.util.Comparator.comparing(Applied::at));
        return out;
    }
}
