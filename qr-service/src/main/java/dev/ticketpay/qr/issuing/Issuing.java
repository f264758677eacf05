package dev.ticketpay.qr.issuing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;

import dev.ticketpay.contracts.QrCodeIssued;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.messaging.Outbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/** A confirmed ticket gets its signed QR code, once, announced as QrCodeIssued. */
@Service
class Issuing {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QrSigner signer;
    private final QrRenderer renderer;
    private final QrCodes codes;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    Issuing(QrSigner signer, QrRenderer renderer, QrCodes codes, Outbox outbox) {
        this.signer = signer;
        this.renderer = renderer;
        this.codes = codes;
        this.outbox = outbox;
    }

    /** Runs inside the inbox transaction of the TicketConfirmed that asks for it. */
    Mono<Void> issue(TicketConfirmed ticket) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String payload = signer.sign(claims(ticket, issuedAt));
        return renderer.pngBase64(payload)
                .map(png -> new QrCode(ticket.ticketId(), ticket.ticketCode(), ticket.eventId(), ticket.userId(),
                        ticket.quantity(), payload, png, issuedAt))
                .flatMap(code -> codes.add(code).flatMap(added -> added
                        ? outbox.append(new QrCodeIssued(code.ticketId(), code.ticketCode(), code.eventId(),
                                code.payload(), code.pngBase64(), code.issuedAt()))
                        : Mono.empty()));
    }

    /** Compact claims: ticket code, ticket id, event, quantity, issue time (epoch seconds). */
    private static String claims(TicketConfirmed ticket, Instant issuedAt) {
        var claims = new LinkedHashMap<String, Object>();
        claims.put("c", ticket.ticketCode());
        claims.put("t", ticket.ticketId());
        claims.put("e", ticket.eventId());
        claims.put("q", ticket.quantity());
        claims.put("i", issuedAt.getEpochSecond());
        return JSON.writeValueAsString(claims);
    }
}
