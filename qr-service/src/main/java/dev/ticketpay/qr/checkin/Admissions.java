package dev.ticketpay.qr.checkin;

import dev.ticketpay.observability.InTrace;
import dev.ticketpay.qr.issuing.QrClaims;
import dev.ticketpay.qr.issuing.QrSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Staff scans at the door of an event: a payload signed with this service's key, for a ticket of that event that
 * has its QR code (so it is paid), not revoked and not used yet, admits once; every later scan is refused with the
 * time of the first, and a ticket for another event is refused without being used.
 */
@Service
public class Admissions {

    private static final Logger log = LoggerFactory.getLogger(Admissions.class);

    private final QrSigner signer;
    private final CheckIns checkIns;

    Admissions(QrSigner signer, CheckIns checkIns) {
        this.signer = signer;
        this.checkIns = checkIns;
    }

    /**
     * Checks in the ticket the payload stands for at event {@code eventId}, recording {@code staff} as who let
     * it in.
     *
     * @return the outcome for a genuine ticket; an error {@link NotStaffOfEvent} when the staff member does not
     *         work this event, {@link NotATicketQrCode}, {@link InvalidTicketSignature} or {@link UnknownTicket}
     *         otherwise
     */
    public Mono<Scan> scan(String payload, long eventId, Staff staff) {
        if (!staff.worksAt(eventId)) {
            return Mono.error(new NotStaffOfEvent(eventId));
        }
        return Mono.fromCallable(() -> ticketCode(payload))
                .flatMap(ticketCode -> checkIns.admit(ticketCode, eventId, staff.subject())
                        .handle(InTrace.peek(admitted -> log.info("Ticket {} checked in at event {} by {}",
                                admitted.ticketId(), eventId, staff.subject())))
                        .cast(Scan.class)
                        .switchIfEmpty(Mono.defer(() -> checkIns.refusal(ticketCode, eventId)))
                        .switchIfEmpty(Mono.error(UnknownTicket::new)));
    }

    private String ticketCode(String payload) {
        if (!QrSigner.isWellFormed(payload)) {
            throw new NotATicketQrCode();
        }
        String claims = signer.verifiedClaims(payload).orElseThrow(InvalidTicketSignature::new);
        try {
            return QrClaims.fromJson(claims).ticketCode();
        }
        catch (IllegalArgumentException e) {
            // signed by us yet unreadable: only a payload format this version does not know
            throw new NotATicketQrCode();
        }
    }
}
