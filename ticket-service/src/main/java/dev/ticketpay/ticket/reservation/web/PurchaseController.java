package dev.ticketpay.ticket.reservation.web;

import java.util.Map;

import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.reservation.Purchases;
import dev.ticketpay.ticket.reservation.Ticket;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/payments/create-payment-intent/}: buys tickets for the signed-in user. */
@RestController
class PurchaseController {

    private final Purchases purchases;

    PurchaseController(Purchases purchases) {
        this.purchases = purchases;
    }

    @PostMapping({"/api/payments/create-payment-intent/", "/api/payments/create-payment-intent"})
    Mono<Map<String, Object>> create(@AuthenticationPrincipal Jwt user, @RequestBody(required = false) PurchaseRequest request) {
        if (request == null) {
            return Mono.error(new InvalidRequest("A JSON body with event_id and quantity is required."));
        }
        var order = new Purchases.Order(user.getSubject(), user.getClaimAsString("email"), request.eventId(),
                request.quantity());
        return purchases.place(order).flatMap(purchases::awaitQrCode).map(PurchaseController::purchased);
    }

    private static Map<String, Object> purchased(Ticket ticket) {
        return Map.of("detail", "Successfully purchased tickets", "qr_code_data", ticket.qrCodeData(),
                "ticket_id", ticket.id(), "ticket_code", ticket.code().toString());
    }
}
