package dev.ticketpay.payment;

import java.time.Duration;

import dev.ticketpay.messaging.Repeating;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * A worker that drains a store of due work (stored Stripe events, Stripe commands): a shared {@link Repeating}
 * job whose round takes {@link #processNext()} until nothing is due, at start, on its timer and right after
 * {@link #wake()}. Like every such job it survives a failed or hung round (a broken database connection, say).
 */
public abstract class DrainingWorker implements SmartLifecycle {

    /** A round longer than this is given up (a hung connection, say); the next one starts afresh. */
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);

    private final Repeating job;
    private final int workers;

    /** {@code what} names the work in logs, e.g. "Processing stored Stripe events". */
    protected DrainingWorker(String what, Duration interval) {
        this(what, interval, 1);
    }

    /**
     * A round drains with {@code workers} loops at once once its first unit finds more due: for work whose units
     * claim their rows with {@code skip locked}, as several instances would, so that a busy round is not one database
     * round trip after another.
     */
    protected DrainingWorker(String what, Duration interval, int workers) {
        this.job = new Repeating(what, interval, ROUND_TIMEOUT, this::drain);
        this.workers = workers;
    }

    /** One unit of work (an item, or a batch of them); false when nothing more is due as far as it can tell. */
    protected abstract Mono<Boolean> processNext();

    /** Drains now, without waiting for the timer. */
    public void wake() {
        job.wake();
    }

    /**
     * One unit first, and the other loops only if it says more is due: a wake-up per stored item must not cost
     * every loop an empty claim of its own when one claim finds all there is.
     */
    private Mono<Void> drain() {
        return Mono.defer(this::processNext).filter(Boolean::booleanValue)
                .flatMap(more -> Flux.range(0, workers)
                        .flatMap(worker -> Flux.defer(this::processNext).repeat().takeWhile(Boolean::booleanValue)
                                .then(), workers)
                        .then());
    }

    @Override
    public void start() {
        job.start();
    }

    @Override
    public void stop() {
        job.stop();
    }

    @Override
    public boolean isRunning() {
        return job.isRunning();
    }
}
