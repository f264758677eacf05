package dev.ticketpay.qr.web;

import java.util.Map;

import dev.ticketpay.web.ApiException;
import dev.ticketpay.qr.issuing.QrCodes;
import dev.ticketpay.qr.issuing.QrSigner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "QR codes", description = "Signed QR codes of paid tickets, and the key to verify them offline")
class QrController {

    private final QrCodes codes;
    private final QrSigner signer;

    QrController(QrCodes codes, QrSigner signer) {
        this.codes = codes;
        this.signer = signer;
    }

    /** The ticket's QR code, to its owner only. */
    @Operation(summary = "A ticket's QR code", description = "ticket_id, ticket_code, qr_code_data (base64 PNG), "
            + "payload (TP1.<claims>.<signature>), issued_at")
    @ApiResponse(responseCode = "200", description = "The QR code")
    @ApiResponse(responseCode = "400", description = "The ticket id is not a number")
    @ApiResponse(responseCode = "403", description = "Not your ticket")
    @ApiResponse(responseCode = "404", description = "No QR code for this ticket (yet)")
    @GetMapping("/api/tickets/{ticketId}/qr")
    Mono<Map<String, Object>> qr(@AuthenticationPrincipal Jwt user, @PathVariable long ticketId) {
        return codes.byTicket(ticketId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND,
                        "No QR code for ticket " + ticketId + ".")))
                .flatMap(code -> code.isOwnedBy(user.getSubject()) ? Mono.just(code)
                        : Mono.error(new ApiException(HttpStatus.FORBIDDEN,
                                "You do not have permission to perform this action.")))
                .map(code -> Map.of("ticket_id", code.ticketId(), "ticket_code", code.ticketCode(),
                        "qr_code_data", code.pngBase64(), "payload", code.payload(),
                        "issued_at", code.issuedAt().toString()));
    }

    /** The Ed25519 public key QR payloads are signed with, for scanners that verify offline. */
    @Operation(summary = "The QR signing public key", description = "Ed25519, X.509 "
            + "SubjectPublicKeyInfo base64; no token needed")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "algorithm, format, public_key, payload_format")
    @GetMapping("/api/qr/public-key")
    Map<String, String> publicKey() {
        return Map.of("algorithm", "Ed25519", "format", "X.509 SubjectPublicKeyInfo, base64",
                "public_key", signer.publicKeyBase64(),
                "payload_format", "TP1.<base64url claims>.<base64url signature>");
    }
}
