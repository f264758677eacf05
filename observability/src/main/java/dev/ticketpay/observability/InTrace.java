package dev.ticketpay.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;

/**
 * Runs a piece of code with the trace of the reactive chain it belongs to current on the thread, for a process
 * that does without Reactor's automatic context propagation ({@code spring.reactor.context-propagation=limited},
 * the gateway): there a line logged inside an operator would otherwise have no trace ids. The trace travels in the
 * Reactor context either way; this only restores it to the thread locals (the observation, its span, the log MDC)
 * for as long as the code runs.
 */
public final class InTrace {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    /** A {@code Mono} that runs {@code action} on subscription, inside the subscriber's trace, and completes. */
    public static Mono<Void> run(Runnable action) {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                action.run();
            }
            return Mono.empty();
        });
    }

    private InTrace() {
    }
}
