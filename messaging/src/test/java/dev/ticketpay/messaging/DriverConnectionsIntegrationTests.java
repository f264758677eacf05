package dev.ticketpay.messaging;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver's publishers run without the caller's Reactor context ({@link DriverConnections}): Reactor restores
 * the thread locals of a context's keys around every signal of a {@code handle} operator, and the driver passes
 * each message of the database through such operators. A test key stands for a request's observation; its
 * accessor counts how often its thread local is restored.
 */
class DriverConnectionsIntegrationTests extends MessagingIntegration {

    static final String KEY = "ticketpay.test.caller";
    static final ThreadLocal<String> caller = new ThreadLocal<>();
    static final AtomicInteger restored = new AtomicInteger();

    @Autowired DatabaseClient db;

    @BeforeAll
    static void registerTheCallersThreadLocal() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new ThreadLocalAccessor<String>() {

            @Override
            public Object key() {
                return KEY;
            }

            @Override
            public String getValue() {
                return caller.get();
            }

            @Override
            public void setValue(String value) {
                restored.incrementAndGet();
                caller.set(value);
            }

            @Override
            public void setValue() {
                caller.remove();
            }
        });
    }

    @AfterAll
    static void removeTheCallersThreadLocal() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @Test
    void aTransactionsRowsAreDeliveredWithoutRestoringTheCallersThreadLocals() {
        int restoredForOneRow = restoredWhileReading(1);
        int restoredForThousandRows = restoredWhileReading(1_000);

        assertThat(restoredForThousandRows)
                .as("thread-local restorations for 1,000 rows against one row (%d): none per database message; "
                        + "without DriverConnections every row is one more", restoredForOneRow)
                .isEqualTo(restoredForOneRow);
    }

    /** Reads {@code rows} rows and a count in one transaction, in a caller's context; how often it was restored. */
    private int restoredWhileReading(int rows) {
        restored.set(0);
        var read = transactions.transactional(db.sql("select g from generate_series(1, :rows) g").bind("rows", rows)
                        .map(row -> row.get(0, Integer.class)).all().collectList()
                        .flatMap(all -> db.sql("select count(*) from outbox").map(row -> all.size()).one()))
                .contextWrite(Context.of(KEY, "buyer"));

        StepVerifier.create(read).expectNext(rows).verifyComplete();
        return restored.get();
    }

    @Test
    void theCallersOwnOperatorsKeepItsContextAndThreadLocals() {
        var seen = db.sql("select 1").map(row -> row.get(0, Integer.class)).one()
                .<String>handle((one, sink) -> sink.next(caller.get() + one))
                .flatMap(local -> Mono.deferContextual(context -> Mono.just(local + "/" + context.get(KEY))))
                .contextWrite(Context.of(KEY, "buyer"));

        StepVerifier.create(seen).expectNext("buyer1/buyer").verifyComplete();
    }
}
