package dev.ticketpay.payment;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;

/**
 * A worker that drains a store of due work (stored Stripe events, Stripe commands) right after {@link #wake()} and
 * on a timer, one drain at a time, each drain taking {@link #processNext()} until nothing is due. A failing drain
 * (a broken database connection, say) is logged and the loop goes on at the next wake-up or tick: it never dies
 * on an error.
 */
public abstract class DrainingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainingWorker.class);

    private final String what;
    private final Duration interval;
    /** New on every start: the test context cache stops and restarts contexts, and a unicast sink has one life. */
    private volatile Sinks.Many<Long> wakeups = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Disposable running;

    /** {@code what} names the work in logs, e.g. "stored Stripe events". */
    protected DrainingWorker(String what, Duration interval) {
        this.what = what;
        this.interval = interval;
    }

    /** One unit of work; false when none was due. */
    protected abstract Mono<Boolean> processNext();

    /** Drains now, without waiting for the timer. */
    public synchronized void wake() {
        wakeups.tryEmitNext(System.nanoTime());
    }

    @Override
    public synchronized void start() {
        wakeups = Sinks.many().unicast().onBackpressureBuffer();
        running = Flux.merge(wakeups.asFlux(), Flux.interval(Duration.ZERO, interval))
                .onBackpressureLatest()
                .concatMap(trigger -> drain().onErrorResume(e -> {
                    log.warn("Processing {} failed, will try again: {}", what, e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** Processes until nothing is due. */
    private Mono<Void> drain() {
        return Flux.defer(this::processNext).repeat().takeWhile(Boolean::booleanValue).then();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
