package dev.ticketpay.contracts;

/** An event about one ticket; its id is the Kafka key, so all events of a ticket stay in order. */
public sealed interface TicketEvent
        permits TicketReserved, TicketConfirmed, TicketCancelled, TicketExpired, RefundRequested,
        CheckoutSessionCreated, PaymentIntentCreated, PaymentSucceeded, PaymentFailed, PaymentCancelled,
        PaymentRefunded, RefundFailed, PaymentDisputed, PaymentDisputeClosed, QrCodeIssued {

    long ticketId();
}
