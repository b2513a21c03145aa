package io.chainbeasts.contracts;

import io.chainbeasts.contracts.generated.BeastNFT;
import io.chainbeasts.contracts.generated.CheckpointLedger;
import io.chainbeasts.contracts.generated.DisputeGame;
import io.chainbeasts.contracts.generated.DisputeManager;
import io.chainbeasts.contracts.generated.Energy;
import io.chainbeasts.contracts.generated.ForcedErrors;
import io.chainbeasts.contracts.generated.SeasonRegistry;
import io.chainbeasts.contracts.generated.ValidatorRegistry;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Json;
import io.chainbeasts.curriculum.TrainingConstants;
import io.chainbeasts.core.Keccak256;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.tx.gas.DefaultGasProvider;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deployed ChainBeasts contracts, with web3j wrappers bound to {@code deployer}. */
public final class Deployment {
    public final ChainClient chain;
    public final Credentials deployer;
    public final Energy energy;
    public final BeastNFT beasts;
    public final SeasonRegistry season;
    public final CheckpointLedger ledger;
    public final ValidatorRegistry validators;
    public final DisputeManager disputes;
    /**
     * The dispute game (issue 12), or null on a deployment without one. When present it is the ledger's dispute
     * contract: the game decides every dispute, and DisputeManager's vote can decide none (the ledger answers its
     * calls NotDisputeManager).
     */
    public final DisputeGame game;
    /**
     * Forced errors (issue 14 item 5; spec/contracts.md "Forced errors"): deployed with the dispute game (null without
     * one). Its keeper is the deployer; its pool starts empty (`chain forced-error fund`).
     */
    public final ForcedErrors forced;
    /** The reward a forced-error post reserves on a fresh deployment: 50 ENERGY. */
    public static final BigInteger FORCED_ERROR_REWARD = BigInteger.valueOf(50).multiply(BigInteger.TEN.pow(18));
    /** Gas used by each deployment transaction. */
    public final Map<String, BigInteger> deployGas = new LinkedHashMap<>();

    /** Default season constants (ENERGY amounts in wei-like units of the 18-decimal token; windows in seconds). */
    public static Map<String, BigInteger> defaultSeason() {
        Map<String, BigInteger> s = new LinkedHashMap<>();
        s.put("energyPrice", BigInteger.TEN.pow(15));          // 0.001 ENERGY per unit of energyBurn
        s.put("bondMultiplier", BigInteger.TWO);               // bond = 2x the window's ENERGY cost
        s.put("challengeWindow", BigInteger.valueOf(3600));
        s.put("datasetRevealWindow", BigInteger.valueOf(1800));  // the vote's private dataset reveal
        s.put("ownerClock", BigInteger.valueOf(6 * 3600));      // the dispute game's owner clock: hours, not the vote's 30 minutes
        s.put("commitWindow", BigInteger.valueOf(1800));
        s.put("revealWindow", BigInteger.valueOf(1800));
        s.put("unbondingDelay", BigInteger.valueOf(4 * 3600));   // > 3600 + 3 x 1800
        s.put("minStake", BigInteger.TEN.pow(20));             // 100 ENERGY
        s.put("quorumBps", BigInteger.valueOf(2000));          // 20 % of active validators must reveal
        s.put("supermajorityBps", BigInteger.valueOf(6600));   // 66 % of revealed verdicts to overturn
        s.put("validatorRewardBps", BigInteger.valueOf(3000)); // 30 % of the loser's ENERGY to correct validators
        s.put("slashAmount", BigInteger.TEN.pow(19));          // 10 ENERGY per wrong or silent validator
        // least energyBurn of a checkpoint: one honest window at the hatch mask, from the Java ENERGY rule
        s.put("slashBurnBps", BigInteger.valueOf(5000));       // half of an invalidated checkpoint's lock is burned before payouts
        s.put("minWindowEnergy", BigInteger.valueOf(OnChainSeason.minWindowEnergy(TrainingConstants.DEFAULT)));
        // The combat and training constants the Java side reads (OnChainSeason), keyed by the Java field
        // names and derived from the Java defaults, so a fresh deployment governs exactly what the
        // trainer and the verifier use (spec/contracts.md "Season keys").
        s.putAll(OnChainSeason.javaKeys(SeasonConstants.DEFAULT, TrainingConstants.DEFAULT));
        // The real-battle pool windows train on under these constants (RealBattlePool.defaultPool): its commitment is part
        // of every window context, which the dispute game checks against the season in force at submission.
        s.put(OnChainSeason.REAL_POOL_COMMITMENT, OnChainSeason.realPoolCommitment(SeasonConstants.DEFAULT));
        return s;
    }

    public static byte[] key(String name) {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    private Deployment(ChainClient chain, Credentials deployer, Map<String, String> addr) {
        this.chain = chain;
        this.deployer = deployer;
        DefaultGasProvider g = new DefaultGasProvider();
        Map<String, String> names = new LinkedHashMap<>();
        addr.forEach((name, a) -> names.put(a.toLowerCase(java.util.Locale.ROOT), name));
        // view calls that revert throw the decoded custom error (ContractRevertException), like transactions
        DecodingTransactionManager tm = new DecodingTransactionManager(chain.web3j(), deployer, chain.chainId(), names);
        energy = Energy.load(addr.get("Energy"), chain.web3j(), tm, g);
        beasts = BeastNFT.load(addr.get("BeastNFT"), chain.web3j(), tm, g);
        season = SeasonRegistry.load(addr.get("SeasonRegistry"), chain.web3j(), tm, g);
        ledger = CheckpointLedger.load(addr.get("CheckpointLedger"), chain.web3j(), tm, g);
        validators = ValidatorRegistry.load(addr.get("ValidatorRegistry"), chain.web3j(), tm, g);
        disputes = DisputeManager.load(addr.get("DisputeManager"), chain.web3j(), tm, g);
        game = addr.get("DisputeGame") == null ? null : DisputeGame.load(addr.get("DisputeGame"), chain.web3j(), tm, g);
        forced = addr.get("ForcedErrors") == null ? null : ForcedErrors.load(addr.get("ForcedErrors"), chain.web3j(), tm, g);
    }

    /** Binds wrappers to already deployed contracts ({@code addr}: contract name -> address, as in the addresses JSON). */
    public static Deployment load(ChainClient chain, Credentials as, Map<String, String> addr) {
        for (String n : List.of("Energy", "BeastNFT", "SeasonRegistry", "CheckpointLedger", "ValidatorRegistry", "DisputeManager", "DisputeGame",
                "ForcedErrors")) {
            String a = addr.get(n);
            if (a == null && (n.equals("DisputeGame") || n.equals("ForcedErrors"))) continue; // optional
            if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) throw new IllegalArgumentException("contracts." + n + ": missing or not an address: " + a);
        }
        return new Deployment(chain, as, addr);
    }

    /** The addresses file written by {@link #writeJson}: chain id, RPC URL, deployer, contract addresses. */
    public record ChainFile(long chainId, String rpc, String deployer, Map<String, String> contracts) {}

    /** Reads an addresses file; a one-line IllegalArgumentException names the file and the field. */
    public static ChainFile readJson(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file (run `chainbeasts chain up` or pass --chain FILE)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable (" + e.getMessage() + ")");
        }
        try {
            Map<String, Object> root = Json.obj(Json.parse(text), "addresses file");
            Map<String, Object> c = Json.obj(root.get("contracts"), "field 'contracts'");
            Map<String, String> addr = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : c.entrySet()) addr.put(e.getKey(), String.valueOf(e.getValue()));
            return new ChainFile(Json.num(root, "chainId"), Json.str(root, "rpc"), root.get("deployer") == null ? null : String.valueOf(root.get("deployer")), addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /**
     * The default deployment: every contract, with the dispute game (the Solidity one-step verifier re-executes the
     * disputed micro-step) as the ledger's dispute contract. DisputeManager is deployed too (ValidatorRegistry's
     * slasher, the forced-error pot), but the ledger answers its dispute calls NotDisputeManager: no vote decides anything.
     */
    public static Deployment deploy(ChainClient chain, Credentials deployer, long timelockSeconds, Map<String, BigInteger> seasonValues) {
        return deploy(chain, deployer, timelockSeconds, seasonValues, deployStepVerifier(chain, deployer));
    }

    /**
     * The old deployment, only on explicit request (`chain up --vote`, the vote's own tests): DisputeManager's
     * commit-reveal vote of validators is the ledger's dispute contract and no DisputeGame exists. A vote can be
     * captured (issue 12's list of attacks); it is kept for the tests and tools that study it.
     */
    public static Deployment deployWithVote(ChainClient chain, Credentials deployer, long timelockSeconds, Map<String, BigInteger> seasonValues) {
        return deploy(chain, deployer, timelockSeconds, seasonValues, null);
    }

    /**
     * Deploys the Solidity one-step verifier (the kernel's third twin: StepNet, StepTeacher, StepSampler over StepNet,
     * StepVerifier over the three) and returns StepVerifier's address, for {@link #deploy(ChainClient, Credentials, long,
     * Map, String)}: a chain whose disputes are settled by re-executing one micro-step, not by a vote.
     */
    public static String deployStepVerifier(ChainClient chain, Credentials deployer) {
        String net = chain.deploy(deployer, io.chainbeasts.contracts.generated.StepNet.BINARY, "", "StepNet").getContractAddress();
        String teacher = chain.deploy(deployer, io.chainbeasts.contracts.generated.StepTeacher.BINARY, "", "StepTeacher").getContractAddress();
        String sampler = chain.deploy(deployer, io.chainbeasts.contracts.generated.StepSampler.BINARY,
                FunctionEncoder.encodeConstructor(List.of(new Address(net))), "StepSampler").getContractAddress();
        return chain.deploy(deployer, io.chainbeasts.contracts.generated.StepVerifier.BINARY,
                FunctionEncoder.encodeConstructor(List.of(new Address(sampler), new Address(teacher), new Address(net))), "StepVerifier")
                .getContractAddress();
    }

    /**
     * As {@link #deploy(ChainClient, Credentials, long, Map)}; with {@code stepVerifier} (the address of a deployed
     * IStepVerifier: the Solidity one-step verifier) a DisputeGame is deployed too and wired as the ledger's dispute
     * contract ({@link #deployStepVerifier} deploys the real one; tests of the game's mechanics deploy the test-only
     * ProgrammedStepVerifier themselves).
     */
    public static Deployment deploy(ChainClient chain, Credentials deployer, long timelockSeconds, Map<String, BigInteger> seasonValues,
                                    String stepVerifier) {
        Map<String, String> addr = new LinkedHashMap<>();
        Map<String, BigInteger> gas = new LinkedHashMap<>();
        d(chain, deployer, "Energy", Energy.BINARY, List.of(), addr, gas);
        d(chain, deployer, "BeastNFT", BeastNFT.BINARY, List.of(), addr, gas);
        List<Bytes32> keys = new ArrayList<>();
        List<Uint256> values = new ArrayList<>();
        for (Map.Entry<String, BigInteger> e : seasonValues.entrySet()) {
            keys.add(new Bytes32(key(e.getKey())));
            values.add(new Uint256(e.getValue()));
        }
        d(chain, deployer, "SeasonRegistry", SeasonRegistry.BINARY, List.of(new Uint256(timelockSeconds),
                new DynamicArray<>(Bytes32.class, keys), new DynamicArray<>(Uint256.class, values)), addr, gas);
        d(chain, deployer, "CheckpointLedger", CheckpointLedger.BINARY, List.of(new Address(addr.get("BeastNFT")),
                new Address(addr.get("Energy")), new Address(addr.get("SeasonRegistry"))), addr, gas);
        d(chain, deployer, "ValidatorRegistry", ValidatorRegistry.BINARY, List.of(new Address(addr.get("Energy")),
                new Address(addr.get("SeasonRegistry"))), addr, gas);
        d(chain, deployer, "DisputeManager", DisputeManager.BINARY, List.of(new Address(addr.get("BeastNFT")),
                new Address(addr.get("Energy")), new Address(addr.get("SeasonRegistry")), new Address(addr.get("CheckpointLedger")),
                new Address(addr.get("ValidatorRegistry"))), addr, gas);
        if (stepVerifier != null) {
            d(chain, deployer, "DisputeGame", DisputeGame.BINARY, List.of(new Address(addr.get("BeastNFT")),
                    new Address(addr.get("Energy")), new Address(addr.get("SeasonRegistry")), new Address(addr.get("CheckpointLedger")),
                    new Address(stepVerifier)), addr, gas);
        }
        Deployment wired = new Deployment(chain, deployer, addr);
        chain.tx(deployer, wired.ledger, wired.ledger.setDisputeManager(addr.get(stepVerifier != null ? "DisputeGame" : "DisputeManager")));
        chain.tx(deployer, wired.validators, wired.validators.setDisputeManager(addr.get("DisputeManager")));
        if (stepVerifier != null) {
            // after the wiring: ForcedErrors checks that the game it reads is the ledger's dispute contract
            d(chain, deployer, "ForcedErrors", ForcedErrors.BINARY, List.of(new Address(addr.get("BeastNFT")), new Address(addr.get("Energy")),
                    new Address(addr.get("SeasonRegistry")), new Address(addr.get("CheckpointLedger")), new Address(addr.get("DisputeGame")),
                    new Uint256(FORCED_ERROR_REWARD)), addr, gas);
        }
        Deployment dep = stepVerifier != null ? new Deployment(chain, deployer, addr) : wired;
        dep.deployGas.putAll(gas);
        return dep;
    }

    @SuppressWarnings("rawtypes")
    private static void d(ChainClient chain, Credentials from, String name, String bin, List<Type> args, Map<String, String> addr, Map<String, BigInteger> gas) {
        var r = chain.deploy(from, bin, args.isEmpty() ? "" : FunctionEncoder.encodeConstructor(args), name);
        addr.put(name, r.getContractAddress());
        gas.put(name, r.getGasUsed());
    }

    public Map<String, String> addresses() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Energy", energy.getContractAddress());
        m.put("BeastNFT", beasts.getContractAddress());
        m.put("SeasonRegistry", season.getContractAddress());
        m.put("CheckpointLedger", ledger.getContractAddress());
        m.put("ValidatorRegistry", validators.getContractAddress());
        m.put("DisputeManager", disputes.getContractAddress());
        if (game != null) m.put("DisputeGame", game.getContractAddress());
        if (forced != null) m.put("ForcedErrors", forced.getContractAddress());
        return m;
    }

    /** Writes {chainId, rpc, deployer, contracts{name: address}} as JSON (atomically, core's AtomicFile). */
    public void writeJson(Path file, String rpcUrl) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("chainId", chain.chainId());
        root.put("rpc", rpcUrl);
        root.put("deployer", deployer.getAddress());
        root.put("contracts", new LinkedHashMap<String, Object>(addresses()));
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        io.chainbeasts.core.AtomicFile.write(abs, Json.pretty(root).getBytes(StandardCharsets.UTF_8));
    }
}
