package io.chainbeasts.contracts;

import io.chainbeasts.checkpoint.StepDigest;
import io.chainbeasts.contracts.generated.StepNet;
import io.chainbeasts.contracts.generated.StepSampler;
import io.chainbeasts.contracts.generated.StepTeacher;
import io.chainbeasts.contracts.generated.StepVerifier;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;

import java.util.List;

/**
 * The dispute game's public cases again, with the real one-step verifier (StepVerifier over StepSampler, StepTeacher
 * and StepNet) re-executing the named micro-step on chain instead of a programmed table: a cheat at micro-step 0, 37
 * and 127 is proven by one challenger, an honest window survives every liar, a window-end lie is proven, bad moves
 * revert by name; and the private windows: a cheat at a step that draws a private record is proven with that record and
 * its path alone (the dataset is never revealed), an honest private window survives liars naming a private step, a
 * real-battle step of the private window and its end.
 */
class DisputeGameRealVerifierTest extends DisputeGameTest {
    /** The StepVerifier the game calls. */
    String stepVerifier;

    @Override
    String verifierAddress(String programmed) {
        String net = c.deploy(gov, StepNet.BINARY, "", "StepNet").getContractAddress();
        String teacher = c.deploy(gov, StepTeacher.BINARY, "", "StepTeacher").getContractAddress();
        String sampler = c.deploy(gov, StepSampler.BINARY, FunctionEncoder.encodeConstructor(List.of(new Address(net))), "StepSampler")
                .getContractAddress();
        stepVerifier = c.deploy(gov, StepVerifier.BINARY, FunctionEncoder.encodeConstructor(List.of(new Address(sampler), new Address(teacher),
                new Address(net))), "StepVerifier").getContractAddress();
        return stepVerifier;
    }

    @Override
    String verifierName() {
        return "real StepVerifier";
    }

    /** What the real verifier needs beyond state and context (StepDigest.witness: a real-battle step's drawn board and its path, else nothing). */
    @Override
    byte[] publicWitness(Win w, int k) {
        return StepDigest.witness(w.honest().get(k).state(), pool);
    }
}
