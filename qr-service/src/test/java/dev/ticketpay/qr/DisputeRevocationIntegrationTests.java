package dev.ticketpay.qr;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** A disputed ticket admits nobody: PaymentDisputed revokes it; a dispute won (PaymentDisputeClosed) lifts that. */
class DisputeRevocationIntegrationTests extends QrServiceIntegration {

    @Test
    void aDisputeRevokesTheTicketAndAWonDisputeMakesItValidAgain() {
        long ticketId = newTicketId();
        var orderId = UUID.randomUUID();

        disputedAndRevoked(ticketId, orderId, "dp_1", "pi_1");

        publishDisputeClosed(ticketId, orderId, "dp_1", PaymentDisputeClosed.WON);
        await().atMost(ASYNC).until(() -> !revoked(ticketId));
    }

    @Test
    void aLostDisputeKeepsTheTicketRevoked() {
        long ticketId = newTicketId();
        var orderId = UUID.randomUUID();
        disputedAndRevoked(ticketId, orderId, "dp_2", "pi_2");

        publishDisputeClosed(ticketId, orderId, "dp_2", PaymentDisputeClosed.LOST);

        await().during(Duration.ofSeconds(2)).atMost(ASYNC).until(() -> revoked(ticketId));
    }

    /** Given: a fraud dispute over the ticket's 1000 jpy payment, which the service has seen and revoked it for. */
    private void disputedAndRevoked(long ticketId, UUID orderId, String disputeId, String paymentIntentId) {
        publish(new PaymentDisputed(ticketId, orderId, disputeId, paymentIntentId, 1000, "jpy",
                "fraudulent", Instant.now()));
        await().atMost(ASYNC).until(() -> revoked(ticketId));
    }

    /** Stripe closes the dispute with {@code outcome}, as payment-service announces it. */
    private void publishDisputeClosed(long ticketId, UUID orderId, String disputeId, String outcome) {
        publish(new PaymentDisputeClosed(ticketId, orderId, disputeId, outcome, 1000, "jpy",
                Instant.now()));
    }

    private boolean revoked(long ticketId) {
        return rows("qr_revocations", ticketId) == 1;
    }
}
