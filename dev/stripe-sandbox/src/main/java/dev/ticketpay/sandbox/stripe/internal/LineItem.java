package dev.ticketpay.sandbox.stripe.internal;

/** A line item of a Checkout Session, built from {@code price_data}. */
public record LineItem(
        String id,
        String priceId,
        String productId,
        String name,
        String description,
        long unitAmount,
        long quantity,
        String currency,
        String taxBehavior) {

    public long amount() {
        return unitAmount * quantity;
    }
}
