package dev.ticketpay.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;

/**
 * A background job, declared as a bean, that runs one round at a time while the application runs — at start, on a
 * timer, and right after {@link #wake()} — and survives anything a round does: a failed or hung round (a broken
 * database connection, say) is logged and given up after {@code timeout}, and the next trigger starts a fresh
 * one. Triggers that come while a round runs fold into one more round afterwards, never a queue of them.
 */
public final class Repeating implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Repeating.class);

    private final String what;
    private final Duration period;
    private final Duration timeout;
    private final Supplier<? extends Mono<?>> round;
    /** New on every start: a test context cache stops and restarts contexts, and a unicast sink has one life. */
    private volatile Sinks.Many<Long> wakeUps = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Disposable running;

    /** {@code what} names the job in logs, e.g. "Pruning old rows". */
    public Repeating(String what, Duration period, Duration timeout, Supplier<? extends Mono<?>> round) {
        this.what = what;
        this.period = period;
        this.timeout = timeout;
        this.round = round;
    }

    private volatile Flux<?> wakers = Flux.empty();

    /** Also runs a round right after each signal of {@code triggers} (a PostgreSQL notification, say); before start. */
    public Repeating wakenBy(Flux<?> triggers) {
        this.wakers = triggers;
        return this;
    }

    /** Runs a round now rather than at the next tick. */
    public synchronized void wake() {
        wakeUps.tryEmitNext(System.nanoTime());
    }

    @Override
    public synchronized void start() {
        wakeUps = Sinks.many().unicast().onBackpressureBuffer();
        running = Flux.merge(wakeUps.asFlux(), Flux.interval(Duration.ZERO, period), wakers)
                .onBackpressureLatest()
                .concatMap(tick -> Mono.defer(round).timeout(timeout)
                        .onErrorResume(e -> {
                            log.warn("{} failed, will try again in {}: {}", what, period, e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
