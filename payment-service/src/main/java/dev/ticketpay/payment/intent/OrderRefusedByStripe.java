package dev.ticketpay.payment.intent;

/** Stripe refused to create or update the order's PaymentIntent; its reason is passed on to the buyer. */
public final class OrderRefusedByStripe extends RuntimeException {

    OrderRefusedByStripe(String stripeMessage) {
        super("The payment provider refused this order: " + stripeMessage, null, false, false);
    }
}
