package dev.ticketpay.qr.issuing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.ticketpay.contracts.QrCodeIssued;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.messaging.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** A confirmed ticket gets its signed QR code, once, announced as QrCodeIssued. */
@Service
class Issuing {

    private final QrSigner signer;
    private final QrRenderer renderer;
    private final QrCodes codes;
    private final Outbox outbox;
    private final Clock clock;

    Issuing(QrSigner signer, QrRenderer renderer, QrCodes codes, Outbox outbox, Clock clock) {
        this.signer = signer;
        this.renderer = renderer;
        this.codes = codes;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Runs inside the inbox transaction of the TicketConfirmed that asks for it. */
    Mono<Void> issue(TicketConfirmed ticket) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String payload = signer.sign(QrClaims.of(ticket, issuedAt).toJson());
        return renderer.pngBase64(payload)
                .map(png -> new QrCode(ticket.ticketId(), ticket.ticketCode(), ticket.eventId(), ticket.userId(),
                        ticket.quantity(), payload, png, issuedAt))
                .flatMap(code -> codes.add(code).flatMap(added -> added
                        ? outbox.append(new QrCodeIssued(code.ticketId(), code.ticketCode(), code.eventId(),
                                code.payload(), code.pngBase64(), code.issuedAt()))
                        : Mono.empty()));
    }
}
