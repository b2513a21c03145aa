package io.chainbeasts.contracts;

import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.engine.Energy;
import io.chainbeasts.engine.NetShape;
import io.chainbeasts.engine.Window;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The governed constants as the chain holds them. {@code SeasonRegistry.get(keccak256(name))} for:
 * the protocol keys (ENERGY price, bonds, windows, stakes: used only on chain), every
 * {@link SeasonConstants} field under its Java name, and the {@link TrainingConstants} fields
 * ({@code stepsPerEpoch}, {@code lrShiftByEpoch[0]} .. {@code lrShiftByEpoch[15]}, {@code powerEpoch},
 * {@code blockEpoch}, {@code baseStepCost}, {@code growthSlotCost}). {@link #read} fetches them all;
 * {@link #seasonConstants}/{@link #trainingConstants} build the Java records from what the chain says
 * (a key missing on chain reads 0 and then fails the record's own range check, naming the field).
 */
public final class OnChainSeason {
    private OnChainSeason() {}

    /** Keys read only by the contracts. */
    public static final List<String> PROTOCOL_KEYS = List.of("energyPrice", "bondMultiplier", "challengeWindow", "datasetRevealWindow",
            "commitWindow", "revealWindow", "unbondingDelay", "minStake", "quorumBps", "supermajorityBps", "validatorRewardBps", "slashAmount",
            "slashBurnBps", "minWindowEnergy", "ownerClock");

    /**
     * Default of the season key {@code minWindowEnergy}: the ENERGY of one {@link Window#STEPS}-step window at the hatch
     * mask, the fewest active slots an honest window can have (slots only ever wake), with no growth spurt
     * (SPEC.md section 16: {@code Window.STEPS x floor(baseStepCost x activeParams(HATCH_MASK) / slabParams)}).
     */
    public static long minWindowEnergy(TrainingConstants t) {
        return (long) Window.STEPS * Energy.stepCost(NetShape.HATCH_MASK, t);
    }

    /**
     * Season key of the real-battle pool's commitment (a window context's {@code realPoolCommitment}); SeasonRegistry
     * records it per season version with the constants, and the dispute game checks every proof's context against it.
     * A governance change of a combat constant changes the default pool, so it proposes the matching commitment too.
     */
    public static final String REAL_POOL_COMMITMENT = "realPoolCommitment";

    /** The commitment of the pool windows train on under {@code s}: {@code RealBattlePool.defaultPool(s)}'s, as a key value. */
    public static BigInteger realPoolCommitment(SeasonConstants s) {
        return new BigInteger(1, io.chainbeasts.curriculum.RealBattlePool.defaultPool(s).commitment());
    }

    /** SeasonConstants field names, in declaration (= encoding) order. */
    public static List<String> seasonKeys() {
        List<String> k = new ArrayList<>();
        for (RecordComponent c : SeasonConstants.class.getRecordComponents()) k.add(c.getName());
        return k;
    }

    public static List<String> trainingKeys() {
        List<String> k = new ArrayList<>();
        k.add("stepsPerEpoch");
        for (int i = 0; i < TrainingConstants.SCHEDULE_LENGTH; i++) k.add("lrShiftByEpoch[" + i + "]");
        k.addAll(List.of("powerEpoch", "blockEpoch", "baseStepCost", "growthSlotCost"));
        return k;
    }

    /** All keys: protocol, then season, then training. */
    public static List<String> allKeys() {
        List<String> k = new ArrayList<>(PROTOCOL_KEYS);
        k.addAll(seasonKeys());
        k.addAll(trainingKeys());
        return k;
    }

    /** The Java constants as registry entries (name -> value). */
    public static Map<String, BigInteger> javaKeys(SeasonConstants s, TrainingConstants t) {
        Map<String, BigInteger> m = new LinkedHashMap<>();
        try {
            for (RecordComponent c : SeasonConstants.class.getRecordComponents()) {
                m.put(c.getName(), BigInteger.valueOf((Integer) c.getAccessor().invoke(s)));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        m.put("stepsPerEpoch", BigInteger.valueOf(t.stepsPerEpoch()));
        int[] lr = t.lrShiftByEpoch();
        for (int i = 0; i < lr.length; i++) m.put("lrShiftByEpoch[" + i + "]", BigInteger.valueOf(lr[i]));
        m.put("powerEpoch", BigInteger.valueOf(t.powerEpoch()));
        m.put("blockEpoch", BigInteger.valueOf(t.blockEpoch()));
        m.put("baseStepCost", BigInteger.valueOf(t.baseStepCost()));
        m.put("growthSlotCost", BigInteger.valueOf(t.growthSlotCost()));
        return m;
    }

    /** Reads every key of {@link #allKeys} from the deployment's SeasonRegistry (eth_call each). */
    public static Map<String, BigInteger> read(Deployment d) {
        return read(d.season);
    }

    /** Every key from {@code season}, at the wrapper's default block (set it to read the constants of a past block). */
    public static Map<String, BigInteger> read(io.chainbeasts.contracts.generated.SeasonRegistry season) {
        Map<String, BigInteger> m = new LinkedHashMap<>();
        for (String k : allKeys()) {
            try {
                m.put(k, season.get(Deployment.key(k)).send());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                throw new java.io.UncheckedIOException("SeasonRegistry.get(" + k + ")", e instanceof java.io.IOException io ? io : new java.io.IOException(e));
            }
        }
        return m;
    }

    public static SeasonConstants seasonConstants(Map<String, BigInteger> chain) {
        List<String> keys = seasonKeys();
        Object[] args = new Object[keys.size()];
        Class<?>[] types = new Class<?>[keys.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = small(chain, keys.get(i));
            types[i] = int.class;
        }
        try {
            return SeasonConstants.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) throw new IllegalArgumentException("SeasonRegistry: " + iae.getMessage());
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainingConstants trainingConstants(Map<String, BigInteger> chain) {
        int[] lr = new int[TrainingConstants.SCHEDULE_LENGTH];
        for (int i = 0; i < lr.length; i++) lr[i] = small(chain, "lrShiftByEpoch[" + i + "]");
        try {
            return new TrainingConstants(small(chain, "stepsPerEpoch"), lr, small(chain, "powerEpoch"), small(chain, "blockEpoch"),
                    big(chain, "baseStepCost"), big(chain, "growthSlotCost"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SeasonRegistry: " + e.getMessage());
        }
    }

    private static int small(Map<String, BigInteger> m, String k) {
        BigInteger v = m.getOrDefault(k, BigInteger.ZERO);
        if (v.bitLength() > 31) throw new IllegalArgumentException("SeasonRegistry: '" + k + "' = " + v + " does not fit a Java int");
        return v.intValueExact();
    }

    private static long big(Map<String, BigInteger> m, String k) {
        BigInteger v = m.getOrDefault(k, BigInteger.ZERO);
        if (v.bitLength() > 63) throw new IllegalArgumentException("SeasonRegistry: '" + k + "' = " + v + " does not fit a Java long");
        return v.longValueExact();
    }
}
