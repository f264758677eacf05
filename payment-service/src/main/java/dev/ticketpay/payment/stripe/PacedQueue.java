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

    /**
     * When the last calls were released, overall and per endpoint, and the 429 pause: what decides when a waiting
     * call may go. Copied to work out how long a newcomer would wait.
     */
    private final class Gates {
        private final Map<StripeEndpoint, Instant> lastRelease = new EnumMap<>(StripeEndpoint.class);
        private Instant lastOverallRelease;

        Instant readyAt(StripeEndpoint endpoint) {
            return latest(pausedUntil, after(lastOverallRelease, overallInterval),
                    after(lastRelease.get(endpoint), endpointInterval));
        }

        void released(StripeEndpoint endpoint, Instant at) {
            lastRelease.put(endpoint, at);
            lastOverallRelease = at;
        }

        Gates copy() {
            var copy = new Gates();
            copy.lastRelease.putAll(lastRelease);
            copy.lastOverallRelease = lastOverallRelease;
            return copy;
        }
    }

    /** Beyond this a wait is long enough, whatever its exact length. */
    private static final Duration LONGEST_ESTIMATE = Duration.ofHours(1);

    private final Duration overallInterval;
    private final Duration endpointInterval;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Map<StripeEndpoint, TreeMap<Long, W>> waiting = new EnumMap<>(StripeEndpoint.class);
    private final Gates gates = new Gates();
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

    /** How many calls wait for their turn. */
    synchronized int waiting() {
        return waiting.values().stream().mapToInt(Map::size).sum();
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
     * How long the call holding {@code ticket} would wait if it joined now: the queue is played forward on a copy
     * until its turn comes (everyone ahead of it goes first, each endpoint at its own pace).
     */
    synchronized Duration expectedWait(long ticket, StripeEndpoint endpoint, Instant now) {
        var ahead = new EnumMap<StripeEndpoint, TreeMap<Long, W>>(StripeEndpoint.class);
        waiting.forEach((e, queue) -> ahead.put(e, new TreeMap<>(queue.headMap(ticket))));
        ahead.computeIfAbsent(endpoint, e -> new TreeMap<>()).put(ticket, null);
        var played = gates.copy();
        Instant limit = now.plus(LONGEST_ESTIMATE);
        for (Instant at = now; at.isBefore(limit); at = later(next(ahead, played), at)) {
            StripeEndpoint chosen = first(ahead, played, at);
            if (chosen != null) {
                if (ahead.get(chosen).pollFirstEntry().getKey() == ticket) {
                    return Duration.between(now, at);
                }
                played.released(chosen, at);
            }
        }
        return LONGEST_ESTIMATE;
    }

    /** Releases the first call whose turn has come, if any, and says when to look again. */
    synchronized Tick<W> release(Instant now) {
        StripeEndpoint chosen = first(waiting, gates, now);
        W released = null;
        if (chosen != null) {
            released = waiting.get(chosen).pollFirstEntry().getValue();
            gates.released(chosen, now);
        }
        return new Tick<>(released, next(waiting, gates));
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

    /** The endpoint whose head arrived first among those whose turn has come at {@code now}; null if none. */
    private StripeEndpoint first(Map<StripeEndpoint, ? extends TreeMap<Long, ?>> queues, Gates gates,
            Instant now) {
        StripeEndpoint chosen = null;
        long first = Long.MAX_VALUE;
        for (var entry : queues.entrySet()) {
            if (!entry.getValue().isEmpty() && !gates.readyAt(entry.getKey()).isAfter(now)
                    && entry.getValue().firstKey() < first) {
                chosen = entry.getKey();
                first = entry.getValue().firstKey();
            }
        }
        return chosen;
    }

    /** When the next call's turn comes; null when nobody waits. */
    private Instant next(Map<StripeEndpoint, ? extends TreeMap<Long, ?>> queues, Gates gates) {
        Instant next = null;
        for (var entry : queues.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                Instant ready = gates.readyAt(entry.getKey());
                next = next == null || ready.isBefore(next) ? ready : next;
            }
        }
        return next;
    }

    private static Instant later(Instant next, Instant now) {
        return next == null || !next.isAfter(now) ? now : next;
    }

    private static Instant after(Instant release, Duration interval) {
        return release == null ? Instant.MIN : release.plus(interval);
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant ab = a.isAfter(b) ? a : b;
        return ab.isAfter(c) ? ab : c;
    }
}
