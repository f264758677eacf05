package dev.ticketpay.ticket.reservation;

import java.util.Collection;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Where tickets stand, for payment-service's ledger: the status and whether the QR code was issued, nothing of
 * the buyer. Read-only; payment-service repairs through events, never by writing here.
 */
@Repository
public class TicketStates {

    /** One ticket as the ledger sees it. */
    public record TicketState(long ticketId, TicketStatus status, boolean qrIssued) {
    }

    private final DatabaseClient db;

    TicketStates(DatabaseClient db) {
        this.db = db;
    }

    /** The known tickets among {@code ids}, in id order; unknown ids are left out. */
    public Flux<TicketState> byIds(Collection<Long> ids) {
        return db.sql("select id, status, qr_payload is not null as qr_issued from tickets where id = any(:ids)"
                        + " order by id")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> new TicketState(row.get("id", Long.class), TicketStatus.of(row.get("status", String.class)),
                        Boolean.TRUE.equals(row.get("qr_issued", Boolean.class))))
                .all();
    }
}
