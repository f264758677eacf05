package dev.ticketpay.payment.intent;

import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import dev.ticketpay.payment.stripe.StripeApi;
import dev.ticketpay.payment.stripe.StripeEndpoint;
import dev.ticketpay.payment.stripe.StripeRefused;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** PaymentIntents at Stripe, as this service asks for them. */
@Component
class StripePaymentIntents {

    private final StripeApi stripe;

    StripePaymentIntents(StripeApi stripe) {
        this.stripe = stripe;
    }

    /**
     * Creates the payment's intent. The idempotency key is the order and every parameter comes from the stored
     * payment (its id, amount, currency and receipt e-mail), so a retry, a concurrent caller or another instance
     * gets the same intent back. Card payments confirmed in the page (no redirecting payment methods), so the
     * client needs nothing but the client secret. The buyer is waiting: above Stripe's rate, a turn too far ahead
     * is {@link dev.ticketpay.payment.stripe.StripeBusy}.
     */
    Mono<PaymentIntent> create(Payment payment) {
        var params = PaymentIntentCreateParams.builder()
                .setAmount(payment.amount())
                .setCurrency(payment.currency())
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER)
                        .build())
                .putMetadata("order_id", payment.orderId().toString())
                .putMetadata("ticket_id", Long.toString(payment.ticketId()))
                .putMetadata("payment_id", payment.paymentId().toString());
        if (payment.receiptEmail() != null) {
            params.setReceiptEmail(payment.receiptEmail());
        }
        var request = params.build();
        return stripe.callForBuyer(StripeEndpoint.CREATE_PAYMENT_INTENT,
                "create payment intent for order " + payment.orderId(),
                client -> client.v1().paymentIntents().create(request,
                        StripeApi.idempotent("intent-" + payment.orderId())));
    }

    /** For a buyer who is waiting: {@link dev.ticketpay.payment.stripe.StripeBusy} rather than a long wait. */
    Mono<PaymentIntent> retrieve(String paymentIntentId) {
        return stripe.callForBuyer(StripeEndpoint.RETRIEVE_PAYMENT_INTENT,
                "retrieve payment intent " + paymentIntentId,
                client -> client.v1().paymentIntents().retrieve(paymentIntentId));
    }

    /**
     * Cancels the intent so it can no longer be paid. One that can no longer be cancelled (it succeeded, or was
     * cancelled already) is answered as it stands, so the caller sees which.
     */
    Mono<PaymentIntent> cancel(String paymentIntentId) {
        var params = PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build();
        return stripe.call(StripeEndpoint.CANCEL_PAYMENT_INTENT, "cancel payment intent " + paymentIntentId,
                        client -> client.v1().paymentIntents().cancel(paymentIntentId, params))
                .onErrorResume(StripeRefused.class, refused -> stripe.call(StripeEndpoint.RETRIEVE_PAYMENT_INTENT,
                        "retrieve payment intent " + paymentIntentId,
                        client -> client.v1().paymentIntents().retrieve(paymentIntentId)));
    }
}
