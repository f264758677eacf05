package dev.ticketpay.qr.issuing;

import dev.ticketpay.messaging.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Issued QR codes, one per ticket. */
@Repository
public class QrCodes {

    private final DatabaseClient db;

    QrCodes(DatabaseClient db) {
        this.db = db;
    }

    /** Stores the code; false when the ticket already has one (it keeps the first). */
    Mono<Boolean> add(QrCode code) {
        return db.sql("""
                insert into qr_codes (ticket_id, ticket_code, event_id, user_id, quantity, payload, png_base64,
                    issued_at)
                values (:ticketId, :ticketCode, :eventId, :userId, :quantity, :payload, :png, :issuedAt)
                on conflict (ticket_id) do nothing""")
                .bind("ticketId", code.ticketId())
                .bind("ticketCode", code.ticketCode())
                .bind("eventId", code.eventId())
                .bind("userId", code.userId())
                .bind("quantity", code.quantity())
                .bind("payload", code.payload())
                .bind("png", code.pngBase64())
                .bind("issuedAt", Sql.utc(code.issuedAt()))
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    public Mono<QrCode> byTicket(long ticketId) {
        return db.sql("select * from qr_codes where ticket_id = :ticketId").bind("ticketId", ticketId)
                .map(QrCodes::qrCode).one();
    }

    private static QrCode qrCode(Readable row) {
        return new QrCode(row.get("ticket_id", Long.class), row.get("ticket_code", String.class),
                row.get("event_id", Long.class), row.get("user_id", String.class), row.get("quantity", Integer.class),
                row.get("payload", String.class), row.get("png_base64", String.class),
                Sql.instant(row, "issued_at"));
    }
}
