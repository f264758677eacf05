package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The buyer's bank disputed the charge (a chargeback): the ticket no longer admits anyone until the dispute is
 * closed (PaymentDisputeClosed). {@code reason} is Stripe's dispute reason (fraudulent, product_not_received, …).
 */
public record PaymentDisputed(long ticketId, UUID orderId, String disputeId, String paymentIntentId, long amount,
        String currency, String reason, Instant disputedAt) implements TicketEvent {
}
