package dev.ticketpay.payment.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** The limiter on a real timer, and the limits it is given. */
class StripeRateLimiterTests {

    private static final StripeSettings.RateLimit FORTY_OVERALL_TWENTY_PER_ENDPOINT = new StripeSettings.RateLimit(
            40, 20, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1));

    private final StripeRateLimiter limiter = new StripeRateLimiter(FORTY_OVERALL_TWENTY_PER_ENDPOINT,
            Clock.systemUTC());

    @AfterEach
    void stopTheTimer() {
        limiter.close();
    }

    @Test
    void givesTurnsInTheOrderTheyWereAskedFor() {
        var order = new CopyOnWriteArrayList<Integer>();
        var tickets = IntStream.range(0, 12).mapToLong(i -> limiter.ticket()).toArray();

        Flux.range(0, 12)
                .flatMap(i -> limiter.turn(tickets[i], StripeEndpoint.CREATE_CHECKOUT_SESSION, null)
                        .then(Mono.fromRunnable(() -> order.add(i))))
                .subscribe();

        await().until(() -> order.size() == 12);
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void aCallerThatCannotWaitThatLongIsToldSoAtOnceAndNothingIsQueued() {
        for (int i = 0; i < 40; i++) {
            limiter.turn(limiter.ticket(), StripeEndpoint.CREATE_PAYMENT_INTENT, null).subscribe();
        }

        StepVerifier.create(limiter.turn(limiter.ticket(), StripeEndpoint.CREATE_PAYMENT_INTENT,
                        Instant.now().plusSeconds(1)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StripeBusy.class)
                        .extracting(busy -> ((StripeBusy) busy).retryAfter())
                        .satisfies(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(1))))
                .verify();
        // another endpoint's call is not behind those intents
        StepVerifier.create(limiter.turn(limiter.ticket(), StripeEndpoint.LIST_EVENTS, Instant.now().plusSeconds(1)))
                .verifyComplete();
    }

    @Test
    void stripesDocumentedLimitsAreTheDefaultsForTheKeysMode() {
        var unset = new StripeSettings.RateLimit(null, null, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(30));

        assertThat(List.of(unset.forKey("sk_live_abc"), unset.forKey("rk_live_abc")))
                .allSatisfy(live -> assertThat(List.of(live.overall(), live.perEndpoint())).containsExactly(100, 25));
        assertThat(unset.forKey("sk_test_abc")).satisfies(test -> {
            assertThat(test.overall()).isEqualTo(25);
            assertThat(test.perEndpoint()).isEqualTo(25);
        });
        var configured = new StripeSettings.RateLimit(7, 3, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(30)).forKey("sk_live_abc");
        assertThat(List.of(configured.overall(), configured.perEndpoint())).containsExactly(7, 3);
    }

    @Test
    void callsAreSpacedATenthWiderThanTheRateSoNetworkJitterCannotBunchThem() {
        var limits = new StripeSettings.RateLimit(100, 25, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(30));

        assertThat(limits.overallInterval()).isEqualTo(Duration.ofMillis(11));
        assertThat(limits.endpointInterval()).isEqualTo(Duration.ofMillis(44));
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StripeSettings.RateLimit(0, null,
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .withMessageContaining("at least 1");
    }
}
