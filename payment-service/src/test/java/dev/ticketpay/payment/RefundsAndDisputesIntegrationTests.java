package dev.ticketpay.payment;

import com.stripe.net.ApiResource;
import com.stripe.param.RefundCreateParams;
import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentRefunded;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money taken and then given back outside the saga, the same for both channels: a refund made in Stripe's
 * Dashboard and a dispute opened and decided by the buyer's bank arrive as signed webhooks from the sandbox and
 * become PaymentRefunded, PaymentDisputed and PaymentDisputeClosed, once each.
 */
class RefundsAndDisputesIntegrationTests extends SagaIntegrationTest {

    @Test
    void aDashboardRefundOfACheckoutPaymentRefundsTheTicket() throws Exception {
        var paid = paidByCheckout("daichi", 2200);

        var refund = stripeClient.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(paid.paymentIntentId()).build());

        PaymentRefunded refunded = awaitOne(paid.ticketId(), PaymentRefunded.class);
        assertThat(refunded.refundId()).isEqualTo(refund.getId());
        assertThat(refunded.orderId()).isEqualTo(paid.orderId());
        assertThat(refunded.amount()).isEqualTo(2200);
        assertThat(status("checkout_sessions", paid.ticketId())).isEqualTo("refunded");
        assertOnly(paid.ticketId(), PaymentRefunded.class, 1);
    }

    @Test
    void aDisputeOfACheckoutPaymentThatIsWonIsPublishedOpenedThenWon() throws Exception {
        var paid = paidByCheckout("emi", 4100);
        stripe.faults().duplicateWebhooks(4);

        String dispute = stripe.openDispute(paid.paymentIntentId(), "fraudulent");

        PaymentDisputed disputed = awaitOne(paid.ticketId(), PaymentDisputed.class);
        assertThat(disputed.disputeId()).isEqualTo(dispute);
        assertThat(disputed.paymentIntentId()).isEqualTo(paid.paymentIntentId());
        assertThat(disputed.amount()).isEqualTo(4100);
        assertThat(disputed.reason()).isEqualTo("fraudulent");

        stripe.closeDispute(dispute, "won");

        PaymentDisputeClosed closed = awaitOne(paid.ticketId(), PaymentDisputeClosed.class);
        assertThat(closed.disputeId()).isEqualTo(dispute);
        assertThat(closed.won()).isTrue();
        assertThat(status("checkout_sessions", paid.ticketId())).isEqualTo("succeeded");
        assertOnly(paid.ticketId(), PaymentDisputed.class, 1);
        assertOnly(paid.ticketId(), PaymentDisputeClosed.class, 1);
    }

    @Test
    void aDisputeOfAnIntentPaymentThatIsLostIsPublishedLost() throws Exception {
        var paid = paidByIntent("fumio", 3700);

        String dispute = stripe.openDispute(paid.paymentIntentId(), "product_not_received");
        awaitOne(paid.ticketId(), PaymentDisputed.class);
        stripe.closeDispute(dispute, "lost");

        PaymentDisputeClosed closed = awaitOne(paid.ticketId(), PaymentDisputeClosed.class);
        assertThat(closed.status()).isEqualTo(PaymentDisputeClosed.LOST);
        assertThat(closed.orderId()).isEqualTo(paid.orderId());
        await().until(() -> disputeStatus("payments", paid.ticketId()), "lost"::equals);
        assertOnly(paid.ticketId(), PaymentDisputed.class, 1);
        assertOnly(paid.ticketId(), PaymentDisputeClosed.class, 1);
    }

    @Test
    void aClosureThatOvertakesItsOpeningStillPublishesTheOpeningFirst() throws Exception {
        var paid = paidByIntent("gin", 2800);
        stripe.removeWebhookEndpoint(webhookUrl());
        String dispute = stripe.openDispute(paid.paymentIntentId(), "fraudulent");
        stripe.closeDispute(dispute, "won");
        String created = disputeEvent("charge.dispute.created", dispute);
        String closed = disputeEvent("charge.dispute.closed", dispute);

        postSigned(closed).expectStatus().isOk();
        postSigned(created).expectStatus().isOk();

        awaitOne(paid.ticketId(), PaymentDisputeClosed.class);
        assertThat(payments.of(paid.ticketId())).filteredOn(e -> e instanceof PaymentDisputed
                || e instanceof PaymentDisputeClosed).hasExactlyElementsOfTypes(PaymentDisputed.class,
                PaymentDisputeClosed.class);
        assertOnly(paid.ticketId(), PaymentDisputed.class, 1);
        assertOnly(paid.ticketId(), PaymentDisputeClosed.class, 1);
    }

    /** The event Stripe raised for the dispute, exactly as Stripe lists it. */
    private static String disputeEvent(String type, String disputeId) throws Exception {
        var response = stripeClient.rawRequest(ApiResource.RequestMethod.GET, "/v1/events?limit=100&type=" + type,
                null);
        for (JsonNode event : JSON.readTree(response.body()).get("data")) {
            if (disputeId.equals(event.at("/data/object/id").asString())) {
                return JSON.writeValueAsString(event);
            }
        }
        throw new AssertionError("no " + type + " event for " + disputeId);
    }

    private String status(String table, long ticketId) {
        return column(table, "status", ticketId);
    }

    private String disputeStatus(String table, long ticketId) {
        return column(table, "dispute_status", ticketId);
    }

    /** {@code table} and {@code column} are this test's constants, never input. */
    private String column(String table, String column, long ticketId) {
        return db.sql("select " + column + " as v from " + table + " where ticket_id = :id").bind("id", ticketId)
                .map(row -> row.get("v", String.class)).one().block();
    }
}
