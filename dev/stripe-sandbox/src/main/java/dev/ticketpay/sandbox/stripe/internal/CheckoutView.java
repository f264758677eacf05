package dev.ticketpay.sandbox.stripe.internal;

import java.util.List;

/** What the hosted checkout page shows of a session. */
public record CheckoutView(
        String id,
        SessionStatus status,
        String currency,
        long amountTotal,
        List<LineItem> lineItems,
        String successUrl,
        String cancelUrl,
        String customerEmail) {

    static CheckoutView of(CheckoutSession s) {
        var terms = s.terms();
        return new CheckoutView(
                s.id(),
                s.status(),
                terms.currency(),
                terms.amountTotal(),
                terms.lineItems(),
                terms.successUrl(),
                terms.cancelUrl(),
                terms.customerEmail());
    }
}
