package dev.ticketpay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measured durations of one benchmark, summarised as count, throughput and percentiles. Benchmarks report
 * numbers; they never assert on them.
 */
public final class Latencies {

    private final String name;
    private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

    public Latencies(String name) {
        this.name = name;
    }

    public void addNanos(long duration) {
        nanos.add(duration);
    }

    /** One line: count, throughput over {@code wallClock}, and p50/p90/p99/max in milliseconds. */
    public String summary(Duration wallClock) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return name + ": no samples";
        }
        return "%s: n=%d, %.1f/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(name, sorted.size(),
                sorted.size() / (wallClock.toNanos() / 1e9), millis(sorted, 0.50), millis(sorted, 0.90),
                millis(sorted, 0.99), sorted.getLast() / 1e6);
    }

    /** Prints the summary and appends it to {@code target/benchmarks.txt} of the running module. */
    public String report(Duration wallClock) {
        String line = summary(wallClock);
        System.out.println("BENCHMARK " + line);
        try {
            Files.writeString(Path.of("target", "benchmarks.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line;
    }

    private static double millis(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
