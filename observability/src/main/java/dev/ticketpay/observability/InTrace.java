package dev.ticketpay.observability;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.context.ContextView;

/**
 * Runs a piece of code with the trace of the reactive chain it belongs to current on the thread, for processes that
 * do without Reactor's automatic context propagation ({@code spring.reactor.context-propagation=limited}, the
 * default of every service and the gateway, {@link ObservabilityEnvironment}): there a line logged inside an
 * operator would otherwise have no trace ids. The trace travels in the Reactor context either way; this only
 * restores it to the thread locals (the observation, its span, the log MDC) for as long as the code runs. Under
 * {@code auto} it is redundant and harmless.
 *
 * <p>The three forms fit the three places a line is logged in a chain: instead of an empty {@code Mono}
 * ({@link #run(Runnable)}), as a value passes ({@link #peek}, for {@code handle}), and where the context is at hand
 * ({@link #run(ContextView, Runnable)}, inside {@code deferContextual}).
 */
public final class InTrace {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    /** A {@code Mono} that runs {@code action} on subscription, inside the subscriber's trace, and completes empty. */
    public static <T> Mono<T> run(Runnable action) {
        return Mono.deferContextual(context -> {
            run(context, action);
            return Mono.empty();
        });
    }

    /**
     * For {@code handle}: runs {@code action} on each value inside the chain's trace, then passes the value on
     * unchanged ({@code doOnNext} with the trace restored).
     */
    public static <T> BiConsumer<T, SynchronousSink<T>> peek(Consumer<? super T> action) {
        return (value, sink) -> {
            run(sink.contextView(), () -> action.accept(value));
            sink.next(value);
        };
    }

    /** Runs {@code action} now, with the trace of {@code context} current on this thread. */
    public static void run(ContextView context, Runnable action) {
        try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
            action.run();
        }
    }

    private InTrace() {
    }
}
