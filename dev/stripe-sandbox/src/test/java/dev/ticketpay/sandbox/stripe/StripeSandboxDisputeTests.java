package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Disputes are opened and decided through the control API and arrive as Stripe's charge.dispute.* webhooks. */
class StripeSandboxDisputeTests extends SandboxFixture {

    private PaymentIntent paid(long amount) throws Exception {
        return paidIntent(amount, "jpy", "pm_card_visa");
    }

    @Test
    void aDisputeOpenedAndLostSendsChargeDisputeCreatedThenClosedInStripesShape() throws Exception {
        PaymentIntent intent = paid(4500);

        var opened = postForm(
                sandbox.apiBase() + "/_sandbox/disputes",
                Map.of("payment_intent", intent.getId(), "reason", "product_not_received"));
        assertThat(opened.statusCode()).isEqualTo(201);
        String disputeId = Dispute.GSON.fromJson(opened.body(), Dispute.class).getId();
        assertThat(postForm(
                                sandbox.apiBase() + "/_sandbox/disputes/close",
                                Map.of("dispute", disputeId, "status", "lost"))
                        .statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(receiver.events(SECRET, "charge.dispute.created"))
                    .singleElement()
                    .satisfies(event -> {
                        Dispute data = dataOf(event, Dispute.class);
                        assertThat(data.getId()).isEqualTo(disputeId).startsWith("dp_");
                        assertThat(data.getObject()).isEqualTo("dispute");
                        assertThat(data.getPaymentIntent()).isEqualTo(intent.getId());
                        assertThat(data.getCharge()).isEqualTo(intent.getLatestCharge());
                        assertThat(data.getAmount()).isEqualTo(4500L);
                        assertThat(data.getCurrency()).isEqualTo("jpy");
                        assertThat(data.getReason()).isEqualTo("product_not_received");
                        assertThat(data.getStatus()).isEqualTo("needs_response");
                    });
            assertThat(receiver.events(SECRET, "charge.dispute.closed"))
                    .singleElement()
                    .satisfies(event -> assertThat((dataOf(event, Dispute.class)).getStatus())
                            .isEqualTo("lost"));
        });
        assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getDisputed())
                .isTrue();
    }

    @Test
    void refusesToDisputeWhatWasNotPaidOrToCloseTwice() throws Exception {
        assertThat(postForm(sandbox.apiBase() + "/_sandbox/disputes", Map.of("payment_intent", "pi_nothing"))
                        .statusCode())
                .isEqualTo(400);
        String disputeId = sandbox.openDispute(paid(1000).getId(), null);
        sandbox.closeDispute(disputeId, "won");
        assertThat(postForm(
                                sandbox.apiBase() + "/_sandbox/disputes/close",
                                Map.of("dispute", disputeId, "status", "lost"))
                        .statusCode())
                .isEqualTo(400);
    }
}
