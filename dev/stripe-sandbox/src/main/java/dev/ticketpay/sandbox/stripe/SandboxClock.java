package dev.ticketpay.sandbox.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's notion of "now": wall-clock time plus an offset a test can move forward, so a
 * Checkout Session passes its {@code expires_at} without waiting 30 minutes. Every timestamp the
 * sandbox writes ({@code created}, {@code expires_at}, event times) comes from here; webhook
 * signatures use real time because receivers check them against their own clock.
 */
public final class SandboxClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Current sandbox time. */
    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    /** Current sandbox time in Unix seconds, the unit of Stripe's timestamps. */
    public long epochSecond() {
        return instant().getEpochSecond();
    }

    /** How far the sandbox is ahead of the wall clock. */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    /**
     * Moves sandbox time forward. Sessions that are now past {@code expires_at} are expired before
     * this returns, so a test can assert right after calling it.
     */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward");
        }
        offsetMillis.addAndGet(amount.toMillis());
        listeners.forEach(Runnable::run);
    }

    /** Registers a callback run after each {@link #advance}; the sandbox uses it to sweep expiries. */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is always UTC");
    }
}
