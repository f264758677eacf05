package dev.ticketpay.qr.issuing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ticketpay.contracts.TicketConfirmed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a QR payload states about its ticket, as the compact JSON that {@link QrSigner} signs: one-letter keys
 * keep the QR code small.
 *
 * @param ticketCode {@code c}, the ticket's code; what check-in looks the ticket up by
 * @param ticketId {@code t}
 * @param eventId {@code e}
 * @param quantity {@code q}, the seats the ticket admits
 * @param issuedAt {@code i}, epoch seconds
 */
@JsonPropertyOrder({"c", "t", "e", "q", "i"})
public record QrClaims(@JsonProperty("c") String ticketCode, @JsonProperty("t") long ticketId,
        @JsonProperty("e") long eventId, @JsonProperty("q") int quantity, @JsonProperty("i") long issuedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static QrClaims of(TicketConfirmed ticket, Instant issuedAt) {
        return new QrClaims(ticket.ticketCode(), ticket.ticketId(), ticket.eventId(), ticket.quantity(),
                issuedAt.getEpochSecond());
    }

    /**
     * Reads claims JSON.
     *
     * @throws IllegalArgumentException when it is no JSON object of claims or names no ticket code
     */
    public static QrClaims fromJson(String json) {
        QrClaims claims;
        try {
            claims = JSON.readValue(json, QrClaims.class);
        }
        catch (JacksonException e) {
            throw new IllegalArgumentException("QR claims are not a JSON object of claims", e);
        }
        if (claims == null || claims.ticketCode() == null || claims.ticketCode().isBlank()) {
            throw new IllegalArgumentException("QR claims name no ticket code (c)");
        }
        return claims;
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }
}
