package io.chainbeasts.contracts;

import io.chainbeasts.core.Hex;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.Contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends transactions to any EVM JSON-RPC endpoint with typed errors: every transaction is first
 * simulated with eth_call on the pending block; a revert is decoded ({@link ContractErrors}) and
 * thrown as {@link ContractRevertException} without spending gas. Then the signed EIP-1559
 * transaction is sent and its receipt awaited.
 */
public final class ChainClient implements AutoCloseable {
    /** Gas limit of every transaction: enough for a 512 KiB dataset reveal (about 21M gas). */
    public static final BigInteger GAS_LIMIT = BigInteger.valueOf(29_000_000);
    private static final BigInteger MAX_FEE = BigInteger.valueOf(20_000_000_000L);
    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

    private final Web3j web3j;
    private final HttpService service;
    private final long chainId;
    private final List<Credentials> accounts = new ArrayList<>();
    /** How long a sent transaction's receipt is awaited: the request bound (a block on a live chain takes seconds). */
    private final long receiptMillis;

    /**
     * How long one JSON-RPC request may take in all (connect, send, wait, read) unless the caller says: an endpoint that
     * accepts the connection and never answers, or stalls part-way through its answer, fails the request after this.
     */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(60);

    public ChainClient(String rpcUrl, List<String> privateKeys) {
        this(rpcUrl, privateKeys, DEFAULT_TIMEOUT);
    }

    /** As {@link #ChainClient(String, List)}, every request bounded by {@code timeout} (connect, write, each read, and the whole call). */
    public ChainClient(String rpcUrl, List<String> privateKeys, java.time.Duration timeout) {
        this.service = new HttpService(rpcUrl, new okhttp3.OkHttpClient.Builder().connectTimeout(timeout).writeTimeout(timeout).readTimeout(timeout)
                .callTimeout(timeout).build());
        this.web3j = Web3j.build(service);
        this.receiptMillis = timeout.toMillis();
        try {
            this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + rpcUrl, e);
        }
        for (String k : privateKeys) accounts.add(Credentials.create(k));
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    public Credentials account(int i) {
        return accounts.get(i);
    }

    public int accountCount() {
        return accounts.size();
    }

    /** Sends a wrapper's function call from {@code from}; throws ContractRevertException on revert. */
    public TransactionReceipt tx(Credentials from, Contract target, RemoteFunctionCall<?> call) {
        return send(from, target.getContractAddress(), call.encodeFunctionCall(), target.getClass().getSimpleName());
    }

    /** Deploys creation code + constructor args; returns the receipt (contractAddress set). */
    public TransactionReceipt deploy(Credentials from, String binary, String encodedConstructor, String name) {
        return send(from, null, binary + encodedConstructor, name);
    }

    public TransactionReceipt send(Credentials from, String to, String data, String context) {
        try {
            EthCall sim = web3j.ethCall(Transaction.createFunctionCallTransaction(from.getAddress(), null, null, GAS_LIMIT, to, BigInteger.ZERO, data),
                    DefaultBlockParameterName.PENDING).send();
            if (sim.hasError() || sim.isReverted()) throw revert(sim.getError(), sim.getRevertReason(), context);
            BigInteger nonce = web3j.ethGetTransactionCount(from.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
            RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, GAS_LIMIT, to == null ? "" : to, BigInteger.ZERO, data, TIP, MAX_FEE);
            byte[] signed = TransactionEncoder.signMessage(raw, chainId, from);
            EthSendTransaction sent = web3j.ethSendRawTransaction("0x" + Hex.of(signed)).send();
            if (sent.hasError()) throw revert(sent.getError(), null, context);
            String hash = sent.getTransactionHash();
            // polled every 5 ms at first (anvil mines at once), backing off to 100 ms (a live chain's blocks take seconds)
            long until = System.nanoTime() + receiptMillis * 1_000_000;
            for (long pause = 5; ; pause = Math.min(100, pause * 2)) {
                Optional<TransactionReceipt> r = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
                if (r.isPresent()) {
                    if (!r.get().isStatusOK()) {
                        throw new ContractRevertException("TransactionFailed", List.of(r.get().getStatus(), r.get().getGasUsed()), null, context);
                    }
                    return r.get();
                }
                if (System.nanoTime() - until > 0) break;
                Thread.sleep(pause);
            }
            throw new IllegalStateException(context + ": no receipt for " + hash + " within " + receiptMillis / 1000 + " s");
        } catch (IOException e) {
            throw new UncheckedIOException(context + ": JSON-RPC failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(context + ": interrupted", e);
        }
    }

    private static RuntimeException revert(Response.Error err, String reason, String context) {
        return ContractErrors.fromRpc(err, reason, context);
    }

    /** eth_call on the pending block; returns the 0x result or throws the decoded revert. */
    public String call(String from, Contract target, RemoteFunctionCall<?> fn) {
        try {
            EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(from, target.getContractAddress(), fn.encodeFunctionCall()),
                    DefaultBlockParameterName.PENDING).send();
            if (r.hasError() || r.isReverted()) throw revert(r.getError(), r.getRevertReason(), target.getClass().getSimpleName());
            return r.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** anvil/hardhat only: moves the clock forward and mines a block. */
    public void increaseTime(long seconds) {
        try {
            new Request<>("evm_increaseTime", List.of(seconds), service, VoidResponse.class).send();
            new Request<>("evm_mine", List.of(), service, VoidResponse.class).send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The timestamp the next block would carry (the pending block's): what a transaction sent now sees as
     * {@code block.timestamp}. On a quiet automining chain the latest block can be far older.
     */
    public long pendingTime() {
        try {
            var pending = web3j.ethGetBlockByNumber(DefaultBlockParameterName.PENDING, false).send().getBlock();
            return pending == null ? now() : pending.getTimestamp().longValueExact(); // an endpoint without a pending block
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Timestamp of the latest block. */
    public long now() {
        try {
            return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
