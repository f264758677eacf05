package dev.ticketpay.ticket.reservation;

import dev.ticketpay.messaging.CommittedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The tickets' business counters, {@code ticketpay.tickets.<change>{channel}}: reserved (a purchase took its
 * seats; free ones too), sold (paid, or free), cancelled (by the buyer), expired (hold ran out) and refunded. One per
 * ticket (a ticket holds its quantity of seats), counted once its transaction commits.
 */
@Component
class TicketFigures {

    private final CommittedCounters counters;

    TicketFigures(MeterRegistry meters) {
        this.counters = new CommittedCounters(meters);
    }

    Mono<Void> reserved(Ticket ticket) {
        return count("reserved", ticket);
    }

    Mono<Void> sold(Ticket ticket) {
        return count("sold", ticket);
    }

    Mono<Void> cancelled(Ticket ticket) {
        return count("cancelled", ticket);
    }

    Mono<Void> expired(Ticket ticket) {
        return count("expired", ticket);
    }

    Mono<Void> refunded(Ticket ticket) {
        return count("refunded", ticket);
    }

    private Mono<Void> count(String change, Ticket ticket) {
        String channel = ticket.purchase().channel() == null ? "checkout" : ticket.purchase().channel();
        return counters.count("ticketpay.tickets." + change, "Tickets " + change + ", counted when the change commits",
                "channel", channel);
    }
}
