package dev.ticketpay.payment.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static dev.ticketpay.payment.stripe.StripeEndpoint.CREATE_CHECKOUT_SESSION;
import static dev.ticketpay.payment.stripe.StripeEndpoint.CREATE_PAYMENT_INTENT;
import static dev.ticketpay.payment.stripe.StripeEndpoint.CREATE_REFUND;
import static org.assertj.core.api.Assertions.assertThat;

/** The limiter's arithmetic on a clock the test moves. */
class PacedQueueTests {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");

    /** One release as the test saw it. */
    record Released(String waiter, Instant at) {
    }

    /** 4 a second overall, 2 a second per endpoint, 429 pauses of 1 s doubling up to 4 s. */
    private final PacedQueue<String> queue = new PacedQueue<>(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(4));
    private Instant now = START;

    @Test
    void releasesOneEndpointsCallsInArrivalOrderOneIntervalApart() {
        for (int i = 0; i < 6; i++) {
            queue.add(queue.ticket(), CREATE_CHECKOUT_SESSION, "session " + i);
        }

        var released = drain(Duration.ZERO);

        assertThat(released).extracting(Released::waiter)
                .containsExactly("session 0", "session 1", "session 2", "session 3", "session 4", "session 5");
        assertThat(released).extracting(Released::at).containsExactly(START, START.plusMillis(500),
                START.plusMillis(1000), START.plusMillis(1500), START.plusMillis(2000), START.plusMillis(2500));
    }

    @Test
    void aBusyEndpointDoesNotHoldUpAQuietOne() {
        for (int i = 0; i < 4; i++) {
            queue.add(queue.ticket(), CREATE_CHECKOUT_SESSION, "session " + i);
        }
        queue.add(queue.ticket(), CREATE_REFUND, "refund");

        var released = drain(Duration.ZERO);

        assertThat(released).extracting(Released::waiter)
                .containsExactly("session 0", "refund", "session 1", "session 2", "session 3");
        assertThat(released.get(1).at()).isEqualTo(START.plusMillis(250));
    }

    @Test
    void neverReleasesMoreThanTheRatesInAnySecondWhateverTheArrivalsAndTheTimersLateness() {
        var random = new Random(11);
        var endpoints = List.of(CREATE_CHECKOUT_SESSION, CREATE_PAYMENT_INTENT, CREATE_REFUND);
        var released = new ArrayList<Released>();
        for (int round = 0; round < 200; round++) {
            for (int arrivals = random.nextInt(4); arrivals > 0; arrivals--) {
                var endpoint = endpoints.get(random.nextInt(endpoints.size()));
                queue.add(queue.ticket(), endpoint, endpoint.name());
            }
            var tick = queue.release(now);
            if (tick.released() != null) {
                released.add(new Released(tick.released(), now));
            }
            // the timer fires when asked or a little late, never early
            now = tick.next() == null ? now.plusMillis(random.nextInt(300))
                    : later(tick.next()).plusMillis(random.nextInt(40));
        }
        released.addAll(drain(Duration.ofMillis(7)));

        assertThat(released).hasSizeGreaterThan(100);
        assertAtMostPerSecond(released, null, 4);
        for (var endpoint : endpoints) {
            assertAtMostPerSecond(released, endpoint.name(), 2);
        }
    }

    @Test
    void aCallAskingAgainKeepsItsPlace() {
        long first = queue.ticket();
        queue.add(first, CREATE_CHECKOUT_SESSION, "first");
        assertThat(queue.release(now).released()).isEqualTo("first");
        queue.add(queue.ticket(), CREATE_CHECKOUT_SESSION, "second");
        queue.add(queue.ticket(), CREATE_CHECKOUT_SESSION, "third");

        queue.add(first, CREATE_CHECKOUT_SESSION, "first, again after a 429");

        assertThat(drain(Duration.ZERO)).extracting(Released::waiter)
                .containsExactly("first, again after a 429", "second", "third");
    }

    @Test
    void aCancelledCallLeavesNoGap() {
        queue.add(queue.ticket(), CREATE_CHECKOUT_SESSION, "first");
        long gone = queue.ticket();
        queue.add(gone, CREATE_CHECKOUT_SESSION, "gone");
        queue.add(queue.ticket(), CREATE_CHECKOUT_SESSION, "third");

        queue.remove(gone, CREATE_CHECKOUT_SESSION);

        assertThat(drain(Duration.ZERO)).extracting(Released::at).containsExactly(START, START.plusMillis(500));
    }

    @Test
    void a429PausesEveryEndpointAndThePauseDoublesUntilStripeAnswersAgain() {
        assertThat(queue.throttled(now)).isEqualTo(Duration.ofSeconds(1));
        queue.add(queue.ticket(), CREATE_REFUND, "refund");

        assertThat(queue.release(now)).isEqualTo(new PacedQueue.Tick<String>(null, START.plusSeconds(1)));
        assertThat(queue.throttled(now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(queue.throttled(now)).isEqualTo(Duration.ofSeconds(4));
        assertThat(queue.throttled(now)).isEqualTo(Duration.ofSeconds(4));
        assertThat(drain(Duration.ZERO)).extracting(Released::at).containsExactly(START.plusSeconds(4));

        queue.recovered();
        assertThat(queue.throttled(now)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void expectedWaitCountsTheCallsAheadOnTheEndpointAndOverall() {
        assertThat(queue.expectedWait(queue.ticket(), CREATE_PAYMENT_INTENT, now)).isZero();
        for (int i = 0; i < 4; i++) {
            queue.add(queue.ticket(), CREATE_PAYMENT_INTENT, "intent " + i);
        }
        for (int i = 0; i < 6; i++) {
            queue.add(queue.ticket(), CREATE_REFUND, "refund " + i);
        }

        // four intents ahead, 500 ms apart, with refunds in the overall gaps between them
        assertThat(queue.expectedWait(queue.ticket(), CREATE_PAYMENT_INTENT, now)).isEqualTo(Duration.ofMillis(2000));
        // a session is behind nobody on its endpoint, but every earlier call whose turn has come goes first
        assertThat(queue.expectedWait(queue.ticket(), CREATE_CHECKOUT_SESSION, now)).isEqualTo(Duration.ofMillis(2000));
        var alone = new PacedQueue<String>(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(4));
        alone.throttled(now);
        assertThat(alone.expectedWait(alone.ticket(), CREATE_REFUND, now)).isEqualTo(Duration.ofSeconds(1));
    }

    /** Ticks whenever the queue asks (plus {@code lateness}) until nobody waits. */
    private List<Released> drain(Duration lateness) {
        var released = new ArrayList<Released>();
        for (var tick = queue.release(now); ; tick = queue.release(now)) {
            if (tick.released() != null) {
                released.add(new Released(tick.released(), now));
            }
            if (tick.next() == null) {
                return released;
            }
            now = later(tick.next()).plus(lateness);
        }
    }

    private Instant later(Instant next) {
        return next.isAfter(now) ? next : now;
    }

    /** Every window of one second, [t, t + 1 s), holds at most {@code rate} releases (of {@code waiter}, if given). */
    private static void assertAtMostPerSecond(List<Released> released, String waiter, int rate) {
        var times = released.stream().filter(r -> waiter == null || r.waiter().equals(waiter))
                .map(Released::at).sorted().toList();
        for (int i = 0; i + rate < times.size(); i++) {
            assertThat(Duration.between(times.get(i), times.get(i + rate)))
                    .as("release %d and %d of %s", i, i + rate, waiter == null ? "all" : waiter)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }
}
