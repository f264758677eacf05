package dev.ticketpay.payment;

import java.time.Duration;

import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.TicketReserved;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The developer's {@code stripe trigger}: events raised on demand by the sandbox arrive as signed webhooks and
 * payment-service acts on them as on any other; an event sent again changes nothing more.
 */
class StripeTriggerIntegrationTests extends SagaIntegrationTest {

    @Test
    void aTriggeredRefundOfAPaidCheckoutRefundsItsTicket() throws Exception {
        var paid = paidByCheckout("hana", 3300);

        stripe.trigger("charge.refunded", paid.sessionId());

        PaymentRefunded refunded = awaitOne(paid.ticketId(), PaymentRefunded.class);
        assertThat(refunded.amount()).isEqualTo(3300);
        assertThat(refunded.orderId()).isEqualTo(paid.orderId());
        assertOnly(paid.ticketId(), PaymentRefunded.class, 1);
    }

    @Test
    void aTriggeredAsyncPaymentSucceededPaysAReservedTicket() {
        var ticket = reservation("isamu", 5100, TicketReserved.CHECKOUT);
        String session = checkoutSessionOf(ticket);

        stripe.trigger("checkout.session.async_payment_succeeded", session);

        PaymentSucceeded succeeded = awaitOne(ticket.ticketId(), PaymentSucceeded.class);
        assertThat(succeeded.amount()).isEqualTo(5100);
        assertOnly(ticket.ticketId(), PaymentSucceeded.class, 1);
    }

    @Test
    void aTriggeredAsyncPaymentFailureReleasesTheReservation() {
        var ticket = reservation("jun", 2600, TicketReserved.CHECKOUT);
        String session = checkoutSessionOf(ticket);

        stripe.trigger("checkout.session.async_payment_failed", session);

        awaitOne(ticket.ticketId(), PaymentFailed.class);
        assertThat(payments.of(ticket.ticketId(), PaymentSucceeded.class)).isEmpty();
    }

    @Test
    void aTriggeredProcessingShowsOnThePaymentAndAResentEventChangesNothingMore() {
        var ticket = withIntent("kaito", 1900);

        String event = stripe.trigger("payment_intent.processing", ticket.paymentIntentId());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> paymentStatus(ticket.paymentIntentId()), "processing"::equals);
        int delivered = deliveriesOf(event);

        stripe.resend(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(event) > delivered);
        assertThat(paymentStatus(ticket.paymentIntentId())).isEqualTo("processing");
    }

    private static int deliveriesOf(String eventId) {
        return (int) stripe.deliveries().stream().filter(d -> d.eventId().equals(eventId) && d.succeeded()).count();
    }

    private String paymentStatus(String paymentIntentId) {
        return db.sql("select status from payments where stripe_payment_intent_id = :id").bind("id", paymentIntentId)
                .map(row -> row.get("status", String.class)).one().block();
    }
}
