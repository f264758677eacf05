package dev.ticketpay.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers the load got, by kind ({@code success}, {@code not enough}, {@code other}…) with their response times,
 * by HTTP status, and the requests that got none (timeout, connection refused), over the measured window.
 */
final class Answers {

    static final String SUCCESS = "success";
    static final String OTHER = "other";

    private final Map<String, List<Long>> millisByKind = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder noAnswer = new LongAdder();
    private volatile long started;
    private volatile long stopped;

    void start() {
        started = System.nanoTime();
    }

    void stop() {
        stopped = System.nanoTime();
    }

    double seconds() {
        return (stopped - started) / 1e9;
    }

    /** Seconds since the load started, including what came after the last answer. */
    double secondsSinceStart() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Seconds since the last answer: how long the system took to finish what the load left. */
    double secondsSinceStop() {
        return (System.nanoTime() - stopped) / 1e9;
    }

    void add(String kind, int status, long millis) {
        millisByKind.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(millis);
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void noAnswer() {
        noAnswer.increment();
    }

    long noAnswers() {
        return noAnswer.sum();
    }

    long count(String... kinds) {
        return millis(kinds).size();
    }

    /** All answers but those of {@code kinds}. */
    long countOther(String... kinds) {
        var excluded = List.of(kinds);
        return millisByKind.entrySet().stream().filter(entry -> !excluded.contains(entry.getKey()))
                .mapToLong(entry -> entry.getValue().size()).sum();
    }

    /** Answers with a status of 500 or more. */
    long serverErrors() {
        return byStatus.entrySet().stream().filter(entry -> entry.getKey() >= 500)
                .mapToLong(entry -> entry.getValue().sum()).sum();
    }

    long status(int status) {
        LongAdder count = byStatus.get(status);
        return count == null ? 0 : count.sum();
    }

    /** The statuses seen and how often, as {@code 200×97 400×3}. */
    String statuses() {
        var parts = new ArrayList<String>();
        byStatus.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> parts.add(entry.getKey() + "×" + entry.getValue().sum()));
        return String.join(" ", parts);
    }

    /** The response times of the answers of {@code kinds}, sorted. */
    List<Long> millis(String... kinds) {
        var all = new ArrayList<Long>();
        Arrays.stream(kinds).map(millisByKind::get).filter(list -> list != null).forEach(list -> {
            synchronized (list) {
                all.addAll(list);
            }
        });
        Collections.sort(all);
        return all;
    }

    static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
