package dev.ticketpay.payment.intent;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.ticketpay.contracts.TicketReserved;

/**
 * An order (a ticket reservation) as payment-service knows it: from TicketReserved, or from ticket-service
 * when the buyer asked for an intent before that event arrived. {@code state} is the ticket's: reserved, paid,
 * cancelled, expired or refunded; {@code channel} says whether it is paid through a PaymentIntent at all.
 */
public record Order(UUID orderId, long ticketId, String userId, String email, long amount, String currency,
        Instant expiresAt, String state, String channel) {

    static final String RESERVED = "reserved";
    static final String PAID = "paid";
    static final String CANCELLED = "cancelled";
    static final String EXPIRED = "expired";

    static Order of(TicketReserved ticket) {
        return new Order(ticket.orderId(), ticket.ticketId(), ticket.userId(), ticket.email(), ticket.amount(),
                ticket.currency(), ticket.expiresAt(), RESERVED, TicketReserved.PAYMENT_INTENT);
    }

    boolean isOwnedBy(String user) {
        return userId.equals(user);
    }

    boolean isPaidByIntent() {
        return TicketReserved.PAYMENT_INTENT.equals(channel);
    }

    /** Why no PaymentIntent can be made for this order now; empty when it can. */
    Optional<String> notPayable(Instant now) {
        if (!isPaidByIntent()) {
            return Optional.of("Order " + orderId + " is paid through Stripe Checkout, not a PaymentIntent.");
        }
        if (amount <= 0) {
            return Optional.of("Order " + orderId + " is free; there is nothing to pay.");
        }
        if (!RESERVED.equals(state)) {
            return Optional.of("Order " + orderId + " is " + state + "; only a reserved order can be paid.");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return Optional.of("The hold of order " + orderId + " has expired.");
        }
        return Optional.empty();
    }
}
