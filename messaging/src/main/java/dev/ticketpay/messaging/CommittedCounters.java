package dev.ticketpay.messaging;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Business counters that count what was written, not what was attempted: each increment waits for the commit of
 * the transaction it runs in ({@link AfterCommit}), so a rolled-back and retried transaction counts once. The
 * services' figures ({@code ticketpay.tickets.*}, {@code ticketpay.payments}) name their counters and tags here;
 * this class only keeps one counter per name and tags.
 */
public final class CommittedCounters {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public CommittedCounters(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Adds one to {@code name{tags}} when the current transaction commits (at once outside a transaction).
     *
     * @param tags tag names and values, alternating, as {@link Counter.Builder#tags(String...)} takes them
     */
    public Mono<Void> count(String name, String description, String... tags) {
        Counter counter = counters.computeIfAbsent(name + Arrays.toString(tags),
                key -> Counter.builder(name).tags(tags).description(description).register(meters));
        return AfterCommit.run(counter::increment);
    }
}
