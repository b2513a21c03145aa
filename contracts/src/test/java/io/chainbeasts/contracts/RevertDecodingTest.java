package io.chainbeasts.contracts;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reverts come back typed, decoded by selector in one place (ContractErrors), for view calls as for transactions. */
class RevertDecodingTest extends ChainTestBase {
    @Test
    void aViewCallThatRevertsThrowsItsCustomError() {
        ContractRevertException e = assertThrows(ContractRevertException.class, () -> d.beasts.ownerOf(BigInteger.valueOf(999)).send());
        assertEquals("NoSuchBeast", e.error());
        assertEquals(List.of(BigInteger.valueOf(999)), e.args());
        assertTrue(e.getMessage().startsWith("BeastNFT reverted: NoSuchBeast(999)"), e.getMessage());
        assertTrue(e.rawData().startsWith("0x" + ContractErrors.selector("NoSuchBeast(uint256)")), e.rawData());
    }

    @Test
    void aTransactionThatRevertsThrowsItsCustomError() {
        ContractRevertException e = assertThrows(ContractRevertException.class,
                () -> c.tx(acct(1), d.validators, d.validators.withdrawUnbonded()));
        assertEquals("NothingUnbonded", e.error());
        assertEquals(List.of(), e.args());
    }

    @Test
    void revertDataIsDecodedBySelectorNotByText() {
        String data = "0x" + ContractErrors.selector("NoSuchBeast(uint256)") + "0".repeat(62) + "2a";
        ContractRevertException e = ContractErrors.decode(data, "BeastNFT");
        assertEquals("NoSuchBeast", e.error());
        assertEquals(List.of(BigInteger.valueOf(42)), e.args());
        assertEquals("Unknown", ContractErrors.decode("0xdeadbeef", "X").error());
        assertEquals("EmptyRevert", ContractErrors.decode("0x", "X").error());
        // a deadline argument carries its date, so nobody has to convert a unix time by hand
        String closed = "0x" + ContractErrors.selector("ChallengeWindowClosed(bytes32,uint64)") + "ab".repeat(32)
                + "0".repeat(64 - 8) + Long.toHexString(1796587176L);
        assertEquals("1796587176 (2026-12-06T19:59:36Z)", ContractErrors.decode(closed, "CheckpointLedger").args().get(1));
    }
}
