package io.chainbeasts.contracts;

import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.tx.RawTransactionManager;

import java.io.IOException;
import java.util.Map;

/**
 * The wrappers' transaction manager: a view call ({@code eth_call}) that reverts throws the
 * {@link ContractRevertException} its revert data decodes to ({@link ContractErrors#fromRpc}), instead
 * of web3j's exception whose only trace of the custom error is text. Transactions go through
 * {@link ChainClient#tx}, which decodes the same way.
 */
final class DecodingTransactionManager extends RawTransactionManager {
    private final Web3j web3j;
    /** Lower-case address -> contract name, for the error's context. */
    private final Map<String, String> names;

    DecodingTransactionManager(Web3j web3j, Credentials credentials, long chainId, Map<String, String> names) {
        super(web3j, credentials, chainId);
        this.web3j = web3j;
        this.names = names;
    }

    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(getFromAddress(), to, data), block).send();
        if (r.hasError() || r.isReverted()) throw ContractErrors.fromRpc(r.getError(), r.getRevertReason(), names.getOrDefault(to.toLowerCase(java.util.Locale.ROOT), to));
        return r.getValue();
    }
}
