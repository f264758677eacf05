package dev.ticketpay.sandbox.stripe.internal;

/**
 * What became of paying a session on the hosted page.
 *
 * @param view the session afterwards, {@code null} when there is none
 * @param decline why the card was declined, for {@link Outcome#DECLINED}
 */
public record PayResult(Outcome outcome, CheckoutView view, TestCards.Decline decline) {

    public enum Outcome {
        PAID,
        DECLINED,
        INVALID_NUMBER,
        NOT_FOUND,
        EXPIRED,
        ALREADY_COMPLETE
    }
}
