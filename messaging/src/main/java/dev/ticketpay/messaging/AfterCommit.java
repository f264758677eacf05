package dev.ticketpay.messaging;

import reactor.core.publisher.Mono;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Runs an action once the current reactive transaction has committed (at once outside a transaction): for counters
 * of business changes, which must count what was written, not what was attempted and rolled back.
 */
public final class AfterCommit {

    /** {@code action} after the commit of the transaction this chain runs in; never on a rollback. */
    public static Mono<Void> run(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> {
                    if (transaction.isSynchronizationActive()) {
                        transaction.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                action.run();
                                return Mono.empty();
                            }
                        });
                    }
                    else {
                        action.run();
                    }
                })
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(action))
                .then();
    }

    private AfterCommit() {
    }
}
