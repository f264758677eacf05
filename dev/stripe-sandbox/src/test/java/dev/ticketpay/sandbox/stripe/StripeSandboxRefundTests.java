package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import org.junit.jupiter.api.Test;

class StripeSandboxRefundTests extends SandboxFixture {

    private PaymentIntent paid(long amount) throws Exception {
        return createIntent(PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .putMetadata("ticket_id", "9")
                .setPaymentMethod("pm_card_visa")
                .setConfirm(true)
                .build());
    }

    @Test
    void fullRefundByPaymentIntentRefundsTheChargeAndSendsChargeRefunded() throws Exception {
        PaymentIntent intent = paid(3000);

        Refund refund = createRefund(RefundCreateParams.builder()
                .setPaymentIntent(intent.getId())
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("ticket_id", "9")
                .build());

        assertThat(refund.getId()).startsWith("re_");
        assertThat(refund.getObject()).isEqualTo("refund");
        assertThat(refund.getAmount()).isEqualTo(3000L);
        assertThat(refund.getCurrency()).isEqualTo("usd");
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(refund.getCharge()).isEqualTo(intent.getLatestCharge());
        assertThat(refund.getPaymentIntent()).isEqualTo(intent.getId());
        assertThat(refund.getReason()).isEqualTo("requested_by_customer");
        assertThat(refund.getMetadata()).containsEntry("ticket_id", "9");
        assertThat(stripe.v1().refunds().retrieve(refund.getId()).getAmount()).isEqualTo(3000L);

        Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
        assertThat(charge.getRefunded()).isTrue();
        assertThat(charge.getAmountRefunded()).isEqualTo(3000L);
        assertReceivedOnce("charge.refunded", event -> {
            Charge data = dataOf(event, Charge.class);
            assertThat(data.getPaymentIntent()).isEqualTo(intent.getId());
            assertThat(data.getRefunded()).isTrue();
            assertThat(data.getMetadata()).containsEntry("ticket_id", "9");
            assertThat(data.getRefunds().getData())
                    .extracting(Refund::getId)
                    .containsExactly(refund.getId());
        });
    }

    @Test
    void partialRefundsByChargeAddUpAndCannotExceedTheCharge() throws Exception {
        PaymentIntent intent = paid(3000);

        Refund first = createRefund(RefundCreateParams.builder()
                .setCharge(intent.getLatestCharge())
                .setAmount(1000L)
                .build());
        assertThat(first.getAmount()).isEqualTo(1000L);
        assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getRefunded())
                .isFalse();

        InvalidRequestException tooMuch = refused(() -> createRefund(RefundCreateParams.builder()
                .setCharge(intent.getLatestCharge())
                .setAmount(2500L)
                .build()));
        assertThat(tooMuch.getParam()).isEqualTo("amount");
        assertThat(tooMuch.getMessage()).contains("greater than unrefunded amount");

        Refund rest = createRefund(RefundCreateParams.builder()
                .setPaymentIntent(intent.getId())
                .build());
        assertThat(rest.getAmount()).isEqualTo(2000L);
        Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
        assertThat(charge.getRefunded()).isTrue();
        assertThat(charge.getAmountRefunded()).isEqualTo(3000L);

        InvalidRequestException again = refused(() -> createRefund(RefundCreateParams.builder()
                .setPaymentIntent(intent.getId())
                .build()));
        assertThat(again.getCode()).isEqualTo("charge_already_refunded");
    }

    @Test
    void unpaidIntentsAndUnknownObjectsCannotBeRefunded() throws Exception {
        PaymentIntent unpaid = unpaidIntent(1000L, "usd");

        InvalidRequestException ofUnpaid = refused(() -> createRefund(RefundCreateParams.builder()
                .setPaymentIntent(unpaid.getId())
                .build()));
        assertThat(ofUnpaid.getMessage()).contains("does not have a successful charge");
        InvalidRequestException ofUnknownCharge = refused(() -> createRefund(RefundCreateParams.builder()
                .setCharge("ch_nope")
                .build()));
        assertThat(ofUnknownCharge.getStatusCode()).isEqualTo(404);
        assertThatThrownBy(() -> createRefund(RefundCreateParams.builder().build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("payment_intent or charge");
        assertThat(refused(() -> stripe.v1().refunds().retrieve("re_nope")).getCode())
                .isEqualTo("resource_missing");
    }
}
