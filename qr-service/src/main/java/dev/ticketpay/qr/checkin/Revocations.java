package dev.ticketpay.qr.checkin;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Lifting a revocation, the one way a revoked ticket admits again: a dispute won by the seller. payment-service
 * only announces a dispute of a payment that was not refunded, so what is lifted is the dispute's own revocation
 * ({@link CheckIns#revoke} makes both kinds).
 */
@Repository
class Revocations {

    private final DatabaseClient db;

    Revocations(DatabaseClient db) {
        this.db = db;
    }

    /** True when the ticket was revoked and no longer is. */
    Mono<Boolean> lift(long ticketId) {
        return db.sql("delete from qr_revocations where ticket_id = :ticketId").bind("ticketId", ticketId)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }
}
