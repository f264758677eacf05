package dev.ticketpay.observability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Reactor's automatic context propagation (the services' and the gateway's default), a value in the Reactor
 * context — the trace, in production — reaches a thread local only where {@link InTrace} restores it. A test
 * thread local stands in for the observation and the log MDC; the chains hop threads as R2DBC's and Netty's do.
 */
class InTraceTests {

    private static final String KEY = "in-trace-tests";
    private static final ThreadLocal<String> TRACE = new ThreadLocal<>();

    @BeforeAll
    static void registerTheThreadLocal() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, TRACE::get, TRACE::set, TRACE::remove);
    }

    @AfterAll
    static void unregister() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @Test
    void aPlainOperatorOnAnotherThreadDoesNotSeeTheTrace() {
        List<String> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(Mono.just(1).publishOn(Schedulers.parallel())
                        .doOnNext(value -> seen.add(String.valueOf(TRACE.get())))
                        .contextWrite(context -> context.put(KEY, "trace-1")))
                .expectNext(1).verifyComplete();
        assertThat(seen).containsExactly("null");
    }

    @Test
    void peekSeesTheTraceAndPassesTheValueOn() {
        List<String> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(Mono.just(1).publishOn(Schedulers.parallel())
                        .handle(InTrace.<Integer>peek(value -> seen.add(value + " in " + TRACE.get())))
                        .contextWrite(context -> context.put(KEY, "trace-2")))
                .expectNext(1).verifyComplete();
        assertThat(seen).containsExactly("1 in trace-2");
        assertThat(TRACE.get()).as("restored only while the action runs").isNull();
    }

    @Test
    void runSeesTheSubscribersTraceAndCompletesEmpty() {
        List<String> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(Mono.just(1).publishOn(Schedulers.parallel())
                        .then(InTrace.<String>run(() -> seen.add("ran in " + TRACE.get())))
                        .contextWrite(context -> context.put(KEY, "trace-3")))
                .verifyComplete();
        assertThat(seen).containsExactly("ran in trace-3");
    }

    @Test
    void runWithAContextRestoresItOnlyForTheAction() {
        List<String> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(Mono.deferContextual(context -> {
            InTrace.run(context, () -> seen.add("ran in " + TRACE.get()));
            seen.add("after: " + TRACE.get());
            return Mono.just(1);
        }).subscribeOn(Schedulers.parallel()).contextWrite(context -> context.put(KEY, "trace-4")))
                .expectNext(1).verifyComplete();
        assertThat(seen).containsExactly("ran in trace-4", "after: null");
    }
}
