package dev.ticketpay.ticket.reservation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A bulkhead per event: at most {@code perEvent} purchase transactions of one event run at a time on this instance;
 * the next ones wait here, in the order they came, at most {@code wait} each, and are then refused with a
 * {@link TimeoutException} (503 with {@code Retry-After}; nothing was written).
 * <p>
 * Every purchase of an event updates the same row (its seats) and holds that row's lock until it commits, so more of
 * them at once do not sell faster. What each one waiting in the database does hold is a connection of the pool. When
 * the row is held for long (a transaction that hangs, an instance stuck in the middle of a purchase), the purchases
 * of that one event queue on the row for the lock timeout (10 s) or longer (PostgreSQL bounds each lock wait, not
 * the statement: the one next in line at the row may wait twice), and without this lane they take every
 * connection: the purchases of every other event, and the transactions of the Kafka listeners, then wait for one.
 * <p>
 * A lane of 4 by default; {@code perEvent} 0 turns the lanes off (docs/decisions.md).
 */
final class PurchaseLanes {

    private final int perEvent;
    private final Duration wait;
    /** The lanes of the events with a purchase running here; guarded by itself, as is every {@link Turn}'s state. */
    private final Map<Long, Lane> lanes = new HashMap<>();

    PurchaseLanes(int perEvent, Duration wait) {
        this.perEvent = perEvent;
        this.wait = wait;
    }

    /**
     * {@code purchase}, subscribed once it is among the {@code perEvent} purchases of {@code event} running here;
     * as it is when there is no limit ({@code perEvent} 0).
     */
    <T> Mono<T> through(long event, Mono<T> purchase) {
        if (perEvent == 0) {
            return purchase;
        }
        return Mono.usingWhen(turn(event), turn -> purchase, Turn::end, (turn, error) -> turn.end(), Turn::end);
    }

    /** Purchases of {@code event} running or waiting here. */
    int inLane(long event) {
        synchronized (lanes) {
            Lane lane = lanes.get(event);
            return lane == null ? 0 : lane.running + lane.waiting.size();
        }
    }

    /** Purchases waiting for their turn here, of every event. */
    int waiting() {
        synchronized (lanes) {
            return lanes.values().stream().mapToInt(lane -> lane.waiting.size()).sum();
        }
    }

    private Mono<Turn> turn(long event) {
        return Mono.<Turn>create(sink -> {
            var turn = new Turn(event, sink);
            sink.onCancel(turn::cancel);
            if (take(turn)) {
                sink.success(turn);
            }
        }).timeout(wait, Mono.error(() -> new TimeoutException("more purchases of event " + event
                + " waiting than its seats' row lets through")));
    }

    /** True when {@code turn} may run now; otherwise it waits in its lane (unless it was cancelled already). */
    private boolean take(Turn turn) {
        synchronized (lanes) {
            if (turn.state != State.NEW) {
                return false;
            }
            Lane lane = lanes.computeIfAbsent(turn.event, event -> new Lane());
            if (lane.running < perEvent) {
                lane.running++;
                turn.state = State.RUNNING;
                return true;
            }
            lane.waiting.add(turn);
            turn.state = State.WAITING;
            return false;
        }
    }

    /** A running purchase of {@code event} ended: the next waiter runs, or the lane has one place more. */
    private void release(long event) {
        Turn next;
        synchronized (lanes) {
            Lane lane = lanes.get(event);
            next = lane.waiting.poll();
            if (next != null) {
                next.state = State.RUNNING;
            }
            else if (--lane.running == 0) {
                lanes.remove(event);
            }
        }
        if (next != null) {
            // a waiter cancelled meanwhile drops it and passes the turn on (Turn#cancel)
            next.sink.success(next);
        }
    }

    private enum State { NEW, WAITING, RUNNING, CANCELLED }

    private static final class Lane {

        int running;
        final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    }

    /** One purchase's place: waiting, then running until it ends, exactly once. */
    private final class Turn {

        final long event;
        final MonoSink<Turn> sink;
        State state = State.NEW;
        private final AtomicBoolean ended = new AtomicBoolean();

        Turn(long event, MonoSink<Turn> sink) {
            this.event = event;
            this.sink = sink;
        }

        /** The request went away or waited too long: out of the queue, or its place passed on if it had one. */
        void cancel() {
            boolean running;
            synchronized (lanes) {
                running = state == State.RUNNING;
                if (state == State.WAITING) {
                    lanes.get(event).waiting.remove(this);
                }
                if (!running) {
                    state = State.CANCELLED;
                }
            }
            if (running) {
                end();
            }
        }

        Mono<Void> end() {
            if (ended.compareAndSet(false, true)) {
                release(event);
            }
            return Mono.empty();
        }
    }
}
