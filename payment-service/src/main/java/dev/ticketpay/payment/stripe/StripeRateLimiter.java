package dev.ticketpay.payment.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps this instance's calls to Stripe within {@link StripeSettings.RateLimit}: a call asks for its
 * {@link #turn} and starts when it is given. Nothing blocks while waiting: waiters are subscribers in a
 * {@link PacedQueue}, and one timer thread releases them when their turn comes, in arrival order.
 */
final class StripeRateLimiter implements AutoCloseable {

    private final PacedQueue<MonoSink<Void>> queue;
    private final Clock clock;
    private final Scheduler timer = Schedulers.newSingle("stripe-rate-limiter", true);
    private final Scheduler.Worker ticks = timer.createWorker();
    private Disposable scheduled;
    private Instant scheduledAt;
    private Counter throttled;

    StripeRateLimiter(StripeSettings.RateLimit limits, Clock clock) {
        this.queue = new PacedQueue<>(limits.overallInterval(), limits.endpointInterval(), limits.backoff(),
                limits.maxBackoff());
        this.clock = clock;
    }

    /**
     * {@code ticketpay.stripe.rate.waiting}: calls waiting for their turn now; {@code ticketpay.stripe.rate.limited}:
     * 429s Stripe answered (each pauses every call).
     */
    void register(MeterRegistry meters) {
        Gauge.builder("ticketpay.stripe.rate.waiting", queue, PacedQueue::waiting)
                .description("Calls to Stripe waiting for their turn under the rate limits").register(meters);
        throttled = Counter.builder("ticketpay.stripe.rate.limited")
                .description("Calls Stripe answered 429 (rate limited)").register(meters);
    }

    /** A place in the queue, kept by a call that asks again after a 429. */
    long ticket() {
        return queue.ticket();
    }

    /**
     * Completes when the call holding {@code ticket} may start. With a {@code deadline}, a call whose turn would
     * come later than that does not wait at all: {@link StripeBusy}, saying about how long the wait would be.
     */
    Mono<Void> turn(long ticket, StripeEndpoint endpoint, Instant deadline) {
        return Mono.create(sink -> {
            Instant now = clock.instant();
            if (deadline != null) {
                Duration wait = queue.expectedWait(ticket, endpoint, now);
                if (now.plus(wait).isAfter(deadline)) {
                    sink.error(new StripeBusy(endpoint, wait));
                    return;
                }
            }
            sink.onCancel(() -> queue.remove(ticket, endpoint));
            queue.add(ticket, endpoint, sink);
            wakeAt(now);
        });
    }

    /** Stripe answered 429: everyone waits a pause out. */
    Duration throttled() {
        if (throttled != null) {
            throttled.increment();
        }
        return queue.throttled(clock.instant());
    }

    void recovered() {
        queue.recovered();
    }

    private synchronized void wakeAt(Instant at) {
        if (scheduledAt != null && !at.isBefore(scheduledAt)) {
            return;
        }
        if (scheduled != null) {
            scheduled.dispose();
        }
        scheduledAt = at;
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        scheduled = ticks.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
    }

    /** On the timer thread, one at a time: releases whoever's turn it is and sets the next tick. */
    private void tick() {
        synchronized (this) {
            scheduled = null;
            scheduledAt = null;
        }
        var tick = queue.release(clock.instant());
        if (tick.next() != null) {
            wakeAt(tick.next());
        }
        if (tick.released() != null) {
            tick.released().success();
        }
    }

    @Override
    public void close() {
        timer.dispose();
    }
}
