package dev.ticketpay.payment;

import java.util.UUID;

/**
 * A ticket's payment, whichever channel takes the money: a Stripe Checkout Session (classic purchase API) or a
 * PaymentIntent (payments API v1). Each channel's record keeps its own rules of when a transition is allowed; the
 * transitions themselves, their events and their words ({@link PaymentStatus}) are the same for both, in
 * {@link PaymentOutcomes}.
 *
 * @param <P> the channel's own record, which each transition answers
 */
public interface ChannelPayment<P extends ChannelPayment<P>> {

    /** How a payment is made at Stripe. */
    enum Channel {
        /** A Checkout Session: a failed one is over for good, and the reservation is released. */
        CHECKOUT,
        /** A PaymentIntent: after a failed attempt the buyer may try another card on the same intent. */
        PAYMENT_INTENT;

        /** Whether a failed payment ends the attempt (PaymentFailed's {@code releases_reservation}). */
        public boolean failureIsFinal() {
            return this == CHECKOUT;
        }
    }

    Channel channel();

    long ticketId();

    UUID orderId();

    PaymentStatus status();

    /** The Stripe object the buyer pays: the Checkout Session or the PaymentIntent; null while being created. */
    String reference();

    /**
     * Money taken is always reported, even for a payment we cancelled meanwhile (ticket-service then issues the
     * ticket late or asks for a refund). Only a second report is suppressed.
     */
    boolean canSucceed();

    P succeeded(String paymentIntentId);

    boolean canFail();

    P failed();

    boolean canBeCancelled();

    P cancelled();
}
