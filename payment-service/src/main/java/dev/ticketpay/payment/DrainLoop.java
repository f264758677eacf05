package dev.ticketpay.payment;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Drains a store of due work (stored Stripe events, Stripe commands) right after {@link #wake()} and on a timer,
 * one drain at a time. A failing drain (a broken database connection, say) is logged and the loop goes on at the
 * next wake-up or tick: it never dies on an error.
 */
public final class DrainLoop {

    private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

    private final String what;
    private final Duration interval;
    private final Supplier<Mono<Void>> drain;
    /** New on every start: the test context cache stops and restarts contexts, and a unicast sink has one life. */
    private volatile Sinks.Many<Long> wakeups = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Disposable running;

    /** {@code what} names the work in logs, e.g. "stored Stripe events". */
    public DrainLoop(String what, Duration interval, Supplier<Mono<Void>> drain) {
        this.what = what;
        this.interval = interval;
        this.drain = drain;
    }

    /** Drains now, without waiting for the timer. */
    public synchronized void wake() {
        wakeups.tryEmitNext(System.nanoTime());
    }

    public synchronized void start() {
        wakeups = Sinks.many().unicast().onBackpressureBuffer();
        running = Flux.merge(wakeups.asFlux(), Flux.interval(Duration.ZERO, interval))
                .onBackpressureLatest()
                .concatMap(trigger -> Mono.defer(drain).onErrorResume(e -> {
                    log.warn("Processing {} failed, will try again: {}", what, e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
