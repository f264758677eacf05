package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.param.ChargeListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Charges, PaymentIntents and refunds listed as a reconciliation reads them: newest first, page by page. */
class StripeSandboxListTests extends SandboxFixture {

    private PaymentIntent paid(long amount, String card) throws Exception {
        return createIntent(PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency("jpy")
                .putMetadata("ticket_id", Long.toString(amount))
                .setPaymentMethod(card)
                .setConfirm(true)
                .build());
    }

    @Test
    void chargesAreListedNewestFirstPageByPageWithTheirRefundState() throws Exception {
        var first = paid(1000, "pm_card_visa");
        var second = paid(2000, "pm_card_visa");
        var third = paid(3000, "pm_card_visa");
        createRefund(RefundCreateParams.builder()
                .setPaymentIntent(second.getId())
                .build());

        List<Charge> all = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            var params = ChargeListParams.builder()
                    .setLimit(2L)
                    .setCreated(ChargeListParams.Created.builder()
                            .setGte(sandbox.clock().epochSecond() - 60)
                            .build());
            if (after != null) {
                params.setStartingAfter(after);
            }
            var page = stripe.v1().charges().list(params.build());
            all.addAll(page.getData());
            more = page.getHasMore();
            after = page.getData().getLast().getId();
            pages++;
        }

        assertThat(pages).isEqualTo(2);
        assertThat(all)
                .extracting(Charge::getPaymentIntent)
                .containsExactly(third.getId(), second.getId(), first.getId());
        assertThat(all).extracting(Charge::getStatus).containsOnly("succeeded");
        assertThat(all.get(1).getRefunded()).isTrue();
        assertThat(all.get(1).getAmountRefunded()).isEqualTo(2000L);
        assertThat(all.get(0).getMetadata()).containsEntry("ticket_id", "3000");
    }

    @Test
    void chargesBeforeTheCreatedBoundAreLeftOut() throws Exception {
        var old = paid(1000, "pm_card_visa");
        sandbox.advanceClock(Duration.ofHours(2));
        var recent = paid(2000, "pm_card_visa");

        var page = stripe.v1()
                .charges()
                .list(ChargeListParams.builder()
                        .setCreated(ChargeListParams.Created.builder()
                                .setGte(sandbox.clock().epochSecond() - 60)
                                .build())
                        .build());

        assertThat(page.getData()).extracting(Charge::getPaymentIntent).containsExactly(recent.getId());
        assertThat(page.getHasMore()).isFalse();
        assertThat(stripe.v1()
                        .charges()
                        .list(ChargeListParams.builder()
                                .setPaymentIntent(old.getId())
                                .build())
                        .getData())
                .singleElement()
                .extracting(Charge::getPaymentIntent)
                .isEqualTo(old.getId());
    }

    @Test
    void paymentIntentsAndRefundsAreListedLikeCharges() throws Exception {
        var paid = paid(1500, "pm_card_visa");
        var refund = createRefund(RefundCreateParams.builder()
                .setPaymentIntent(paid.getId())
                .build());
        var other = paid(2500, "pm_card_visa");

        var intents = stripe.v1()
                .paymentIntents()
                .list(PaymentIntentListParams.builder().setLimit(10L).build());
        var refunds = stripe.v1()
                .refunds()
                .list(RefundListParams.builder()
                        .setCreated(RefundListParams.Created.builder()
                                .setGte(sandbox.clock().epochSecond() - 60)
                                .build())
                        .build());
        var refundsOfOther = stripe.v1()
                .refunds()
                .list(RefundListParams.builder().setPaymentIntent(other.getId()).build());

        assertThat(intents.getData()).extracting(PaymentIntent::getId).containsExactly(other.getId(), paid.getId());
        assertThat(intents.getData()).extracting(PaymentIntent::getStatus).containsOnly("succeeded");
        assertThat(refunds.getData()).extracting(Refund::getId).containsExactly(refund.getId());
        assertThat(refunds.getData().getFirst().getCharge()).isEqualTo(paid.getLatestCharge());
        assertThat(refundsOfOther.getData()).isEmpty();
    }

    @Test
    void listsAnswerInStripesListShape() throws Exception {
        paid(1000, "pm_card_visa");

        var response = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.apiBase() + "/v1/charges?limit=1"))
                        .header("Authorization", "Bearer " + API_KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        var list = JsonMapper.builder().build().readTree(response.body());
        assertThat(list.path("object").asString()).isEqualTo("list");
        assertThat(list.path("url").asString()).isEqualTo("/v1/charges");
        assertThat(list.path("has_more").isBoolean()).isTrue();
        assertThat(list.path("data").path(0).path("object").asString()).isEqualTo("charge");
    }
}
