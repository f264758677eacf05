package dev.ticketpay.payment.command;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StripeCommandTests {

    private final StripeCommandSettings settings = new StripeCommandSettings(Duration.ofSeconds(1),
            Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void backoffDoublesFromTheFirstPauseUpToItsCap() {
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoff(8)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void idempotencyKeyIsMadeFromTheCommandsOwnUuidNotFromTheTicket() {
        var order = UUID.randomUUID();
        var first = StripeCommand.of(StripeCommand.Kind.REFUND, 7, order, "pi_1");
        var second = StripeCommand.of(StripeCommand.Kind.REFUND, 7, order, "pi_1");

        assertThat(first.idempotencyKey()).isEqualTo("refund-" + first.id());
        assertThat(second.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
    }

    @Test
    void aCommandWithoutTargetIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StripeCommand.of(StripeCommand.Kind.EXPIRE_SESSION, 7, UUID.randomUUID(), " "))
                .withMessageContaining("target");
    }
}
