package dev.ticketpay.ticket.reservation;

import java.time.Clock;

import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.ticket.catalog.Shows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What payment-service's events do to tickets. Each runs inside the inbox transaction of its event, with
 * the ticket row locked, so events of one ticket apply one after another and exactly once.
 */
@Service
class PaymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

    private final Tickets tickets;
    private final Shows shows;
    private final Outbox outbox;
    private final Clock clock;

    private final TicketFigures figures;

    PaymentOutcomes(Tickets tickets, Shows shows, Outbox outbox, Clock clock,
            TicketFigures figures) {
        this.figures = figures;
        this.tickets = tickets;
        this.shows = shows;
        this.outbox = outbox;
        this.clock = clock;
    }

    Mono<Void> on(CheckoutSessionCreated created) {
        return tickets.lock(created.ticketId())
                .flatMap(ticket -> tickets.save(ticket.attachCheckout(created.sessionId(), created.checkoutUrl())))
                .then();
    }

    /**
     * Money arrived. A reservation becomes a paid ticket; a cancelled or expired one is reinstated if its
     * seats can be taken again before the event starts, otherwise the money goes back (RefundRequested). Nobody
     * pays for nothing.
     */
    Mono<Void> on(PaymentSucceeded paid) {
        return tickets.lock(paid.ticketId()).flatMap(ticket -> switch (ticket.status()) {
            case RESERVED -> confirm(ticket.confirmPayment());
            // exactly one of the two: the seats taken again and the ticket issued, or the money sent back
            case CANCELLED, EXPIRED -> shows.take(ticket.purchase().eventId(), ticket.purchase().quantity(),
                            clock.instant())
                    .hasElement()
                    .flatMap(retaken -> retaken ? confirm(ticket.reinstate())
                            : outbox.append(ticket.refundRequested(paid.paymentReference(),
                                    "seats no longer available after " + ticket.status().value())));
            case PAID, REFUNDED, DISPUTED -> InTrace.run(() -> log.info(
                    "Ticket {} is already {}; payment {} changes nothing", ticket.id(), ticket.status().value(),
                    paid.paymentReference()));
        }).then();
    }

    Mono<Void> on(PaymentFailed failed) {
        return tickets.lock(failed.ticketId()).flatMap(ticket -> {
            if (ticket.status() != TicketStatus.RESERVED) {
                return Mono.empty();
            }
            if (!failed.releasesReservation()) {
                return tickets.save(ticket.noteFailedAttempt(failed.reason())).then();
            }
            return tickets.save(ticket.failPayment(failed.reason()))
                    .then(releaseSeats(ticket));
        });
    }

    Mono<Void> on(PaymentRefunded refunded) {
        return tickets.lock(refunded.ticketId())
                .flatMap(ticket -> ticket.status() == TicketStatus.REFUNDED || ticket.status() == TicketStatus.RESERVED
                        ? Mono.empty() : releaseIfPaid(ticket).then(tickets.save(ticket.refund()))
                                .then(figures.refunded(ticket)))
                .then();
    }

    /**
     * A chargeback: a paid ticket becomes disputed and admits nobody (qr-service revokes it on the same event);
     * its seats stay taken, since the dispute may be won. Other states change nothing.
     */
    Mono<Void> on(PaymentDisputed disputed) {
        return tickets.lock(disputed.ticketId()).flatMap(ticket -> {
            if (ticket.status() != TicketStatus.PAID) {
                return InTrace.run(() -> log.warn("Ticket {} is {}; dispute {} changes nothing", ticket.id(),
                        ticket.status().value(), disputed.disputeId()));
            }
            return tickets.save(ticket.dispute()).then();
        });
    }

    /** Won: paid again (qr-service lifts the revocation). Lost: refunded, and the seats go back on sale. */
    Mono<Void> on(PaymentDisputeClosed closed) {
        return tickets.lock(closed.ticketId())
                .filter(ticket -> ticket.status() == TicketStatus.DISPUTED)
                .flatMap(ticket -> tickets.save(ticket.closeDispute(closed.won()))
                        .then(closed.won() ? Mono.empty() : releaseSeats(ticket)));
    }

    /**
     * A paid (or disputed) ticket that is refunded gives its seats back; a cancelled or expired one gave them
     * already.
     */
    private Mono<Void> releaseIfPaid(Ticket ticket) {
        return ticket.status() == TicketStatus.PAID || ticket.status() == TicketStatus.DISPUTED
                ? releaseSeats(ticket) : Mono.empty();
    }

    private Mono<Void> releaseSeats(Ticket ticket) {
        return shows.release(ticket.purchase().eventId(), ticket.purchase().quantity());
    }

    private Mono<Void> confirm(Ticket ticket) {
        return tickets.save(ticket).then(outbox.append(ticket.confirmed(clock.instant())))
                .then(figures.sold(ticket));
    }
}
