package dev.ticketpay.ticket.reservation;

import dev.ticketpay.ticket.InvalidRequest;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The buyer is back from Stripe Checkout and asks whether the ticket is paid. If the webhook has not been
 * processed yet, payment-service is asked to reconcile the session with Stripe now; the same
 * PaymentSucceeded then flows through the saga (idempotently) and the answer waits for the QR code.
 */
@Service
public class Verifications {

    private final Tickets tickets;
    private final PaymentServiceClient payments;
    private final TicketChanges changes;
    private final ReservationSettings settings;

    Verifications(Tickets tickets, PaymentServiceClient payments, TicketChanges changes, ReservationSettings settings) {
        this.tickets = tickets;
        this.payments = payments;
        this.changes = changes;
        this.settings = settings;
    }

    /** The paid ticket with its QR code, or the reason it is not paid. */
    public Mono<Ticket> verify(String userId, String bearerToken, String sessionId, long ticketId) {
        return tickets.byId(ticketId)
                .switchIfEmpty(Mono.error(() -> new TicketNotFound(ticketId)))
                .flatMap(ticket -> {
                    if (!ticket.isOwnedBy(userId)) {
                        return Mono.error(new NotYourTicket(ticketId));
                    }
                    if (ticket.hasCheckout() && ticket.checkout().sessionId() != null
                            && !ticket.checkout().sessionId().equals(sessionId)) {
                        return Mono.error(new InvalidRequest("session_id",
                                "session_id does not belong to ticket " + ticketId + "."));
                    }
                    return switch (ticket.status()) {
                        case PAID -> awaitQrCode(ticket);
                        case REFUNDED -> Mono.error(new InvalidRequest(
                                "The payment was refunded: the seats were no longer available."));
                        case DISPUTED -> Mono.error(new InvalidRequest(
                                "The payment is disputed with the card issuer; the ticket is not valid meanwhile."));
                        case RESERVED, CANCELLED, EXPIRED -> reconcile(ticket, sessionId, bearerToken);
                    };
                });
    }

    private Mono<Ticket> reconcile(Ticket ticket, String sessionId, String bearerToken) {
        return payments.reconcile(sessionId, bearerToken).flatMap(session -> {
            if (session.ticketId() != ticket.id()) {
                return Mono.error(new InvalidRequest("session_id",
                        "session_id does not belong to ticket " + ticket.id() + "."));
            }
            if (!session.paid()) {
                return Mono.error(new InvalidRequest(ticket.isSettled()
                        ? "Ticket " + ticket.id() + " is " + ticket.status().value() + " and was not paid."
                        : "Payment not completed."));
            }
            return changes.await(ticket.id(), t -> t.hasQrCode() || t.status() == TicketStatus.REFUNDED,
                            settings.answerTimeout(), "QR code")
                    .flatMap(t -> t.status() == TicketStatus.REFUNDED
                            ? Mono.error(new InvalidRequest(
                                    "The payment was refunded: the seats were no longer available."))
                            : Mono.just(t));
        });
    }

    private Mono<Ticket> awaitQrCode(Ticket ticket) {
        return changes.await(ticket, Ticket::hasQrCode, settings.answerTimeout(), "QR code");
    }
}
