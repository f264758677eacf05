package dev.ticketpay.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.model.Refund;
import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentCancelled;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.RefundFailed;
import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.sandbox.stripe.HttpFault;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe side effects as durable intentions: a refund, a session expiry or an intent cancel is stored with the
 * decision and performed by the worker until Stripe answers for good, however long Stripe fails; once, whatever
 * the number of deliveries; a refusal is recorded, counted and published.
 */
class StripeCommandIntegrationTests extends SagaIntegrationTest {

    /** Stripe fails every request it matches until the test clears the faults. */
    private static final int FOREVER = 100_000;

    @Autowired MeterRegistry meters;

    @Test
    void aRefundRequestedWhileStripeFailsIsMadeOnceStripeRecovers() throws Exception {
        var paid = paidByCheckout("aiko", 2600);
        stripe.faults().inject(HttpFault.serverError(FOREVER).on("POST", "/v1/refunds"));

        publish(refundRequest(paid.ticketId(), paid.orderId(), paid.sessionId(), 2600));

        // stripe-java's retries, StripeApi's and three of the worker's attempts are spent, and the refund waits
        await().atMost(Duration.ofSeconds(60)).until(() -> command(paid.ticketId(), "refund").attempts() >= 3);
        assertThat(command(paid.ticketId(), "refund").status()).isEqualTo("pending");
        assertThat(payments.of(paid.ticketId(), PaymentRefunded.class)).isEmpty();

        stripe.faults().clear();

        PaymentRefunded refunded = awaitOne(paid.ticketId(), PaymentRefunded.class);
        assertThat(refunded.amount()).isEqualTo(2600);
        Refund refund = stripeClient.v1().refunds().retrieve(refunded.refundId());
        assertThat(refund.getPaymentIntent()).isEqualTo(paid.paymentIntentId());
        assertThat(stripeClient.v1().charges().retrieve(stripeClient.v1().paymentIntents()
                .retrieve(paid.paymentIntentId()).getLatestCharge()).getRefunds().getData())
                .extracting(Refund::getId).containsExactly(refunded.refundId());
        assertThat(command(paid.ticketId(), "refund")).isEqualTo(new Command("done", refunded.refundId(),
                command(paid.ticketId(), "refund").attempts()));
        assertOnly(paid.ticketId(), PaymentRefunded.class, 1);
    }

    @Test
    void theSameRefundRequestDeliveredTwiceMakesOneRefund() throws Exception {
        var paid = paidByIntent("bunta", 3100);
        var request = refundRequest(paid.ticketId(), paid.orderId(), paid.paymentIntentId(), 3100);

        publish(request);
        publish(request);

        PaymentRefunded refunded = awaitOne(paid.ticketId(), PaymentRefunded.class);
        assertOnly(paid.ticketId(), PaymentRefunded.class, 1);
        assertThat(commands(paid.ticketId())).isEqualTo(1);
        assertThat(stripeClient.v1().charges().retrieve(stripeClient.v1().paymentIntents()
                .retrieve(paid.paymentIntentId()).getLatestCharge()).getRefunds().getData())
                .extracting(Refund::getId).containsExactly(refunded.refundId());
        assertThat(payments.of(paid.ticketId(), RefundFailed.class)).isEmpty();
    }

    @Test
    void aRefundStripeRefusesIsRecordedCountedAndPublishedAsRefundFailed() {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        var orderId = UUID.randomUUID();
        double refusedBefore = refusals();

        publish(refundRequest(ticketId, orderId, "pi_doesNotExistAtStripe0000", 1200));

        RefundFailed failed = awaitOne(ticketId, RefundFailed.class);
        assertThat(failed.orderId()).isEqualTo(orderId);
        assertThat(failed.paymentReference()).isEqualTo("pi_doesNotExistAtStripe0000");
        assertThat(failed.reason()).isEqualTo("resource_missing");
        assertThat(failed.message()).contains("pi_doesNotExistAtStripe0000");
        assertThat(command(ticketId, "refund").status()).isEqualTo("refused");
        assertThat(lastError(ticketId, "refund")).startsWith("resource_missing");
        assertThat(refusals()).isEqualTo(refusedBefore + 1);
        assertOnly(ticketId, RefundFailed.class, 1);
    }

    @Test
    void aSessionExpiryWhileStripeFailsIsDoneOnceStripeRecovers() throws Exception {
        var ticket = reservation("chiyo", 1500, TicketReserved.CHECKOUT);
        publish(ticket);
        String session = awaitOne(ticket.ticketId(), CheckoutSessionCreated.class).sessionId();
        stripe.faults().inject(HttpFault.serverError(FOREVER)
                .on("POST", "/v1/checkout/sessions/" + session + "/expire"));

        publish(new TicketCancelled(ticket.ticketId(), ticket.orderId(), ticket.userId(), Instant.now()));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> command(ticket.ticketId(), "expire_session").attempts() >= 2);
        assertThat(stripeClient.v1().checkout().sessions().retrieve(session).getStatus()).isEqualTo("open");
        // operators see it waiting (the gauges are read every 15 s)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.get("ticketpay.stripe.commands.pending").gauge().value() >= 1);
        assertThat(payments.of(ticket.ticketId(), PaymentCancelled.class)).isEmpty();

        stripe.faults().clear();

        PaymentCancelled cancelled = awaitOne(ticket.ticketId(), PaymentCancelled.class);
        assertThat(cancelled.paymentReference()).isEqualTo(session);
        assertThat(stripeClient.v1().checkout().sessions().retrieve(session).getStatus()).isEqualTo("expired");
        assertOnly(ticket.ticketId(), PaymentCancelled.class, 1);
    }

    @Test
    void anIntentCancelWhileStripeFailsIsDoneOnceStripeRecovers() throws Exception {
        var ticket = withIntent("daisuke", 1900);
        stripe.faults().inject(HttpFault.serverError(FOREVER)
                .on("POST", "/v1/payment_intents/" + ticket.paymentIntentId() + "/cancel"));

        publish(new TicketCancelled(ticket.ticketId(), ticket.orderId(), "daisuke", Instant.now()));

        await().atMost(Duration.ofSeconds(60)).until(() -> command(ticket.ticketId(), "cancel_intent").attempts() >= 2);
        assertThat(stripeClient.v1().paymentIntents().retrieve(ticket.paymentIntentId()).getStatus())
                .isEqualTo("requires_payment_method");
        assertThat(payments.of(ticket.ticketId(), PaymentCancelled.class)).isEmpty();

        stripe.faults().clear();

        PaymentCancelled cancelled = awaitOne(ticket.ticketId(), PaymentCancelled.class);
        assertThat(cancelled.paymentReference()).isEqualTo(ticket.paymentIntentId());
        assertThat(stripeClient.v1().paymentIntents().retrieve(ticket.paymentIntentId()).getStatus())
                .isEqualTo("canceled");
        assertThat(command(ticket.ticketId(), "cancel_intent").status()).isEqualTo("done");
        assertOnly(ticket.ticketId(), PaymentCancelled.class, 1);
    }

    // ------------------------------------------------------------------ helpers

    private record Command(String status, String resultId, int attempts) {
    }

    private static RefundRequested refundRequest(long ticketId, UUID orderId, String reference, long amount) {
        return new RefundRequested(ticketId, orderId, reference, amount, "jpy", "seats no longer available");
    }

    private Command command(long ticketId, String kind) {
        List<Command> found = db.sql("select status, result_id, attempts from stripe_commands"
                        + " where ticket_id = :ticket and kind = :kind")
                .bind("ticket", ticketId).bind("kind", kind)
                .map(row -> new Command(row.get("status", String.class), row.get("result_id", String.class),
                        row.get("attempts", Integer.class)))
                .all().collectList().block();
        return found.isEmpty() ? new Command("none", null, 0) : found.getFirst();
    }

    private String lastError(long ticketId, String kind) {
        return db.sql("select last_error from stripe_commands where ticket_id = :ticket and kind = :kind")
                .bind("ticket", ticketId).bind("kind", kind).map(row -> row.get("last_error", String.class))
                .one().block();
    }

    private long commands(long ticketId) {
        return db.sql("select count(*) as n from stripe_commands where ticket_id = :ticket").bind("ticket", ticketId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private double refusals() {
        var counter = meters.find("ticketpay.stripe.commands.refused").tag("kind", "refund").counter();
        return counter == null ? 0 : counter.count();
    }
}
