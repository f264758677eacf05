package dev.ticketpay.qr;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.Topics;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** A disputed ticket admits nobody: PaymentDisputed revokes it; a dispute won (PaymentDisputeClosed) lifts that. */
class DisputeRevocationIntegrationTests extends QrServiceIntegration {

    @Test
    void aDisputeRevokesTheTicketAndAWonDisputeMakesItValidAgain() {
        long ticketId = newTicketId();
        var orderId = UUID.randomUUID();

        publish(Topics.PAYMENTS, new PaymentDisputed(ticketId, orderId, "dp_1", "pi_1", 1000, "jpy", "fraudulent",
                Instant.now()));
        await().atMost(ASYNC).until(() -> revoked(ticketId));

        publish(Topics.PAYMENTS, new PaymentDisputeClosed(ticketId, orderId, "dp_1", PaymentDisputeClosed.WON,
                1000, "jpy", Instant.now()));
        await().atMost(ASYNC).until(() -> !revoked(ticketId));
    }

    @Test
    void aLostDisputeKeepsTheTicketRevoked() {
        long ticketId = newTicketId();
        var orderId = UUID.randomUUID();
        publish(Topics.PAYMENTS, new PaymentDisputed(ticketId, orderId, "dp_2", "pi_2", 1000, "jpy", "fraudulent",
                Instant.now()));
        await().atMost(ASYNC).until(() -> revoked(ticketId));

        publish(Topics.PAYMENTS, new PaymentDisputeClosed(ticketId, orderId, "dp_2", PaymentDisputeClosed.LOST,
                1000, "jpy", Instant.now()));

        await().during(Duration.ofSeconds(2)).atMost(ASYNC).until(() -> revoked(ticketId));
    }

    private boolean revoked(long ticketId) {
        return rows("qr_revocations", ticketId) == 1;
    }
}
