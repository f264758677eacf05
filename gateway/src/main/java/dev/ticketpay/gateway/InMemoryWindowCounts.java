package dev.ticketpay.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;

/** Counts in this gateway's memory: right for one instance; several instances each count on their own. */
final class InMemoryWindowCounts implements WindowCounts {

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;

    InMemoryWindowCounts(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    @Override
    public Mono<Long> increment(String key, long windowStart, Duration window) {
        Window counted = windows.compute(key, (k, current) -> current == null || current.start != windowStart
                ? new Window(windowStart, 1) : new Window(windowStart, current.count + 1));
        return Mono.just(counted.count);
    }

    @Override
    public Mono<Long> current(String key, long windowStart) {
        Window counted = windows.get(key);
        return Mono.just(counted == null || counted.start != windowStart ? 0L : counted.count);
    }

    /** Drops the windows that ended, so memory stays bounded by the callers of the current window. */
    @Scheduled(fixedDelay = 60_000)
    void forgetPastWindows() {
        long now = clock.millis();
        windows.values().removeIf(counted -> counted.start + window.toMillis() < now);
    }

    private record Window(long start, long count) {
    }
}
