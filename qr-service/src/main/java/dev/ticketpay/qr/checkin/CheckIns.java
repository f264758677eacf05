package dev.ticketpay.qr.checkin;

import dev.ticketpay.messaging.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The door side of issued QR codes: when and by whom each ticket was checked in, and whether it is revoked. */
@Repository
class CheckIns {

    private final DatabaseClient db;

    CheckIns(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Checks the ticket in at event {@code eventId} if it is for that event and neither used nor revoked; empty
     * otherwise. One conditional statement, so of any number of concurrent scans exactly one is admitted: the
     * others wait for its row lock, then find it used.
     */
    Mono<Scan.Admitted> admit(String ticketCode, long eventId, String staff) {
        return db.sql("""
                update qr_codes q set checked_in_at = now(), checked_in_by = :staff
                where q.ticket_code = :ticketCode and q.event_id = :eventId and q.checked_in_at is null
                  and not exists (select 1 from qr_revocations r where r.ticket_id = q.ticket_id)
                returning q.ticket_id, q.ticket_code, q.event_id, q.quantity, q.checked_in_at""")
                .bind("staff", staff)
                .bind("ticketCode", ticketCode)
                .bind("eventId", eventId)
                .map(row -> new Scan.Admitted(row.get("ticket_id", Long.class), row.get("ticket_code", String.class),
                        row.get("event_id", Long.class), row.get("quantity", Integer.class),
                        Sql.instant(row, "checked_in_at")))
                .one();
    }

    /**
     * Why {@link #admit} refused the ticket at event {@code eventId}: for another event (which outranks the rest:
     * it never admits at this door), revoked (which outranks having been used), or already checked in; empty when
     * no QR code was issued for this ticket code. A ticket's event never changes and the other two states are
     * final, so this read cannot race.
     */
    Mono<Scan> refusal(String ticketCode, long eventId) {
        return db.sql("""
                select q.ticket_id, q.event_id, q.checked_in_at, r.revoked_at
                from qr_codes q left join qr_revocations r on r.ticket_id = q.ticket_id
                where q.ticket_code = :ticketCode""")
                .bind("ticketCode", ticketCode)
                .map(row -> refusalOf(row, eventId))
                .one();
    }

    /**
     * Revokes the ticket so its QR code admits nobody from now on, whether that code was issued already or is
     * issued later; true the first time.
     */
    Mono<Boolean> revoke(long ticketId) {
        return db.sql("insert into qr_revocations (ticket_id) values (:ticketId) on conflict do nothing")
                .bind("ticketId", ticketId)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    /**
     * Lifts a revocation, the one way a revoked ticket admits again: a dispute won by the seller. payment-service
     * only announces a dispute of a payment that was not refunded, so what is lifted is the dispute's own
     * revocation ({@link #revoke} makes both kinds). True when the ticket was revoked and no longer is.
     */
    Mono<Boolean> lift(long ticketId) {
        return db.sql("delete from qr_revocations where ticket_id = :ticketId").bind("ticketId", ticketId)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private static Scan refusalOf(Readable row, long eventId) {
        long ticketId = row.get("ticket_id", Long.class);
        long ticketEventId = row.get("event_id", Long.class);
        if (ticketEventId != eventId) {
            return new Scan.WrongEvent(ticketId, ticketEventId, eventId);
        }
        if (row.get("revoked_at") != null) {
            return new Scan.Revoked(ticketId, Sql.instant(row, "revoked_at"));
        }
        if (row.get("checked_in_at") != null) {
            return new Scan.AlreadyCheckedIn(ticketId, Sql.instant(row, "checked_in_at"));
        }
        throw new IllegalStateException("Ticket " + ticketId + " was refused though it is for this event and neither"
                + " used nor revoked");
    }
}
