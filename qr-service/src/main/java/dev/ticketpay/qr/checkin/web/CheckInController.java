package dev.ticketpay.qr.checkin.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ticketpay.qr.checkin.Admissions;
import dev.ticketpay.qr.checkin.Scan;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/check-ins} (staff and admins): 200 admitted; 409 for a ticket that does not admit at this event,
 * because it is for another event, used before or revoked. Malformed requests, bad signatures (400), staff whose
 * token does not list the event (403) and unknown tickets (404) are answered by the shared error answers.
 */
@RestController
@Tag(name = "Check-in", description = "Staff admit tickets at the door")
class CheckInController {

    private final Admissions admissions;

    CheckInController(Admissions admissions) {
        this.admissions = admissions;
    }

    @Operation(summary = "Check a ticket in", description = "Staff and admins; {\"qr_payload\", \"event_id\"}")
    @ApiResponse(responseCode = "200", description = "Admitted")
    @ApiResponse(responseCode = "400", description = "Malformed request or bad signature")
    @ApiResponse(responseCode = "403", description = "Not staff, or staff of other events")
    @ApiResponse(responseCode = "404", description = "Unknown ticket")
    @ApiResponse(responseCode = "409", description = "Used before, for another event, or revoked")
    @PostMapping("/api/check-ins")
    Mono<ResponseEntity<Map<String, Object>>> checkIn(JwtAuthenticationToken staff,
            @RequestBody CheckInRequest request) {
        return admissions.scan(request.qrPayload(), request.event(), StaffTokens.staff(staff))
                .map(CheckInController::answer);
    }

    private static ResponseEntity<Map<String, Object>> answer(Scan scan) {
        var body = new LinkedHashMap<String, Object>();
        return switch (scan) {
            case Scan.Admitted admitted -> {
                body.put("detail", "Admitted");
                body.put("ticket_id", admitted.ticketId());
                body.put("ticket_code", admitted.ticketCode());
                body.put("event_id", admitted.eventId());
                body.put("quantity", admitted.quantity());
                body.put("checked_in_at", admitted.checkedInAt().toString());
                yield ResponseEntity.ok(body);
            }
            case Scan.AlreadyCheckedIn used -> {
                body.put("detail", "Ticket already checked in");
                body.put("ticket_id", used.ticketId());
                body.put("checked_in_at", used.checkedInAt().toString());
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(body);
            }
            case Scan.Revoked revoked -> {
                body.put("detail", "Ticket is no longer valid");
                body.put("ticket_id", revoked.ticketId());
                body.put("revoked_at", revoked.revokedAt().toString());
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(body);
            }
            case Scan.WrongEvent wrong -> {
                body.put("detail", "Ticket is for event " + wrong.ticketEventId() + ", not this event ("
                        + wrong.admittingEventId() + ")");
                body.put("ticket_id", wrong.ticketId());
                body.put("event_id", wrong.ticketEventId());
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(body);
            }
        };
    }
}
