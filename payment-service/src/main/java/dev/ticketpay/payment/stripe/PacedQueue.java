package dev.ticketpay.payment.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rate limiter's arithmetic, without threads or a clock of its own (every method is told the time): calls
 * wait in arrival order (a ticket number) and are released one at a time, so that two releases are at least the
 * overall interval apart and two releases for one endpoint at least the endpoint's interval apart. Intervals are
 * measured from the moments calls were actually released, so a late timer can only slow calls down, never bunch
 * them. Among the endpoints whose turn has come, the call that arrived first goes first: a busy endpoint never
 * holds up a quiet one, and within an endpoint the order is first come, first served. A 429 pauses everything
 * ({@link #throttled}), for a pause that doubles while Stripe keeps refusing.
 *
 * @param <W> what waits (the limiter keeps the subscriber to wake)
 */
final class PacedQueue<W> {

    /** What a tick released (null: nothing yet), and when the next tick is due (null: nobody waits). */
    record Tick<W>(W released, Instant next) {
    }

    private final Duration overallInterval;
    private final Duration endpointInterval;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Map<StripeEndpoint, TreeMap<Long, W>> waiting = new EnumMap<>(StripeEndpoint.class);
    private final Map<StripeEndpoint, Instant> lastRelease = new EnumMap<>(StripeEndpoint.class);
    private Instant lastOverallRelease = Instant.MIN;
    private Instant pausedUntil = Instant.MIN;
    private Duration nextPause;
    private long tickets;

    PacedQueue(Duration overallInterval, Duration endpointInterval, Duration firstPause, Duration longestPause) {
        this.overallInterval = overallInterval;
        this.endpointInterval = endpointInterval;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.nextPause = firstPause;
    }

    /** A place in the queue; a call asking again (after a 429) keeps its first one. */
    synchronized long ticket() {
        return tickets++;
    }

    synchronized void add(long ticket, StripeEndpoint endpoint, W waiter) {
        waiting.computeIfAbsent(endpoint, e -> new TreeMap<>()).put(ticket, waiter);
    }

    /** A waiter that gave up (cancelled) leaves no gap: the others move up. */
    synchronized void remove(long ticket, StripeEndpoint endpoint) {
        var queue = waiting.get(endpoint);
        if (queue != null) {
            queue.remove(ticket);
        }
    }

    /**
     * About how long the call holding {@code ticket} would wait if it joined now: everyone ahead of it goes first,
     * one interval each, overall and on its endpoint.
     */
    synchronized Duration expectedWait(long ticket, StripeEndpoint endpoint, Instant now) {
        var queue = waiting.get(endpoint);
        int aheadHere = queue == null ? 0 : queue.headMap(ticket).size();
        int aheadOverall = waiting.values().stream().mapToInt(q -> q.headMap(ticket).size()).sum();
        Instant here = latest(now, pausedUntil, after(lastRelease.get(endpoint), endpointInterval))
                .plus(endpointInterval.multipliedBy(aheadHere));
        Instant overall = latest(now, pausedUntil, after(lastOverallRelease, overallInterval))
                .plus(overallInterval.multipliedBy(aheadOverall));
        return Duration.between(now, latest(here, overall, now));
    }

    /** Releases the first call whose turn has come, if any, and says when to look again. */
    synchronized Tick<W> release(Instant now) {
        StripeEndpoint chosen = null;
        long first = Long.MAX_VALUE;
        for (var entry : waiting.entrySet()) {
            if (!entry.getValue().isEmpty() && !readyAt(entry.getKey()).isAfter(now)
                    && entry.getValue().firstKey() < first) {
                chosen = entry.getKey();
                first = entry.getValue().firstKey();
            }
        }
        W released = null;
        if (chosen != null) {
            released = waiting.get(chosen).pollFirstEntry().getValue();
            lastRelease.put(chosen, now);
            lastOverallRelease = now;
        }
        return new Tick<>(released, nextTick());
    }

    /** Stripe answered 429: nobody is released before the pause is over; the next pause is twice as long. */
    synchronized Duration throttled(Instant now) {
        Duration pause = nextPause;
        pausedUntil = latest(pausedUntil, now.plus(pause), now);
        Duration doubled = pause.multipliedBy(2);
        nextPause = doubled.compareTo(longestPause) > 0 ? longestPause : doubled;
        return pause;
    }

    /** Stripe answered a call: the next 429 starts the pauses over. */
    synchronized void recovered() {
        nextPause = firstPause;
    }

    private Instant nextTick() {
        Instant next = null;
        for (var entry : waiting.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                Instant ready = readyAt(entry.getKey());
                next = next == null || ready.isBefore(next) ? ready : next;
            }
        }
        return next;
    }

    private Instant readyAt(StripeEndpoint endpoint) {
        return latest(pausedUntil, after(lastOverallRelease, overallInterval),
                after(lastRelease.get(endpoint), endpointInterval));
    }

    private static Instant after(Instant release, Duration interval) {
        return release == null || release == Instant.MIN ? Instant.MIN : release.plus(interval);
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant ab = a.isAfter(b) ? a : b;
        return ab.isAfter(c) ? ab : c;
    }
}
