package dev.ticketpay.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * A background job, declared as a bean, that runs one round at a time on a timer while the application runs and
 * survives anything a round does: a failed or hung round (a broken database connection, say) is logged and given
 * up after {@code timeout}, and the next tick starts a fresh one. Ticks that come while a round runs are dropped,
 * never queued.
 */
public final class Repeating implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Repeating.class);

    private final String what;
    private final Duration period;
    private final Duration timeout;
    private final Supplier<? extends Mono<?>> round;
    private volatile Disposable running;

    /** {@code what} names the job in logs, e.g. "Pruning old rows". */
    public Repeating(String what, Duration period, Duration timeout, Supplier<? extends Mono<?>> round) {
        this.what = what;
        this.period = period;
        this.timeout = timeout;
        this.round = round;
    }

    @Override
    public void start() {
        running = Flux.interval(period, period)
                .onBackpressureDrop()
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
