package dev.ticketpay.ticket.reservation.web;

import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.reservation.Cancellations;
import dev.ticketpay.ticket.reservation.Purchases;
import dev.ticketpay.ticket.reservation.Ticket;
import dev.ticketpay.ticket.reservation.TicketStatus;
import dev.ticketpay.ticket.reservation.Verifications;
import dev.ticketpay.ticket.reservation.web.PurchaseAnswers.Cancelled;
import dev.ticketpay.ticket.reservation.web.PurchaseAnswers.CheckoutStarted;
import dev.ticketpay.ticket.reservation.web.PurchaseAnswers.PurchaseAnswer;
import dev.ticketpay.ticket.reservation.web.PurchaseAnswers.TicketIssued;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The classic purchase API: create-payment-intent, verify, cancel (with or without the trailing slash). */
@RestController
@Tag(name = "Classic purchase API", description = "Seed 000: buy tickets, verify a Stripe Checkout payment, cancel")
class PurchaseController {

    private final Purchases purchases;
    private final Verifications verifications;
    private final Cancellations cancellations;

    PurchaseController(Purchases purchases, Verifications verifications, Cancellations cancellations) {
        this.purchases = purchases;
        this.verifications = verifications;
        this.cancellations = cancellations;
    }

    @Operation(summary = "Create payment intent", description = "Free events: the ticket is issued at once with its "
            + "QR code. Paid events: a reservation and a Stripe Checkout URL. The backend computes the amount. "
            + "A retry with the same Idempotency-Key answers the first result.")
    @ApiResponse(responseCode = "200", description = "Paid event (checkout) or free event (ticket issued)",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {
                    PurchaseAnswers.CheckoutStarted.class, PurchaseAnswers.TicketIssued.class})))
    @ApiResponse(responseCode = "400", description = "Not enough tickets available, the event has started, a bad "
            + "quantity, or Stripe refused the payment")
    @ApiResponse(responseCode = "404", description = "Event not found")
    @ApiResponse(responseCode = "500", description = "Unexpected error")
    @ApiResponse(responseCode = "503", description = "The checkout is queued under Stripe's rate limits; retry "
            + "after Retry-After with the same Idempotency-Key")
    @PostMapping({"/api/payments/create-payment-intent/", "/api/payments/create-payment-intent"})
    Mono<PurchaseAnswer> create(@AuthenticationPrincipal Jwt user,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) PurchaseRequest request) {
        if (request == null) {
            return Mono.error(new InvalidRequest("A JSON body with event_id and quantity is required."));
        }
        return purchases.place(request.orderBy(user, TicketReserved.CHECKOUT), idempotencyKey)
                .flatMap(purchases::awaitAnswer)
                .flatMap(PurchaseController::answer);
    }

    @Operation(summary = "Verify payment", description = "After Stripe Checkout: the paid ticket with its QR code")
    @ApiResponse(responseCode = "200", description = "Payment successful")
    @ApiResponse(responseCode = "400", description = "Missing parameters or payment not completed")
    @ApiResponse(responseCode = "403", description = "Not your ticket")
    @ApiResponse(responseCode = "404", description = "Ticket or payment not found")
    @ApiResponse(responseCode = "500", description = "Unexpected error")
    @PostMapping({"/api/payments/verify/", "/api/payments/verify"})
    Mono<TicketIssued> verify(@AuthenticationPrincipal Jwt user,
            @RequestBody(required = false) TicketRequest request) {
        if (request == null || request.sessionId() == null || request.ticketId() == null) {
            return Mono.error(new InvalidRequest("session_id and ticket_id are required."));
        }
        return verifications.verify(user.getSubject(), user.getTokenValue(), request.requireSessionId(),
                request.requireTicketId()).map(ticket -> TicketIssued.of("Payment successful", ticket));
    }

    @Operation(summary = "Cancel payment", description = "Cancels a reservation that is not paid; its seats go back")
    @ApiResponse(responseCode = "200", description = "Payment cancelled")
    @ApiResponse(responseCode = "400", description = "Missing ticket_id or ticket already processed")
    @ApiResponse(responseCode = "403", description = "Not your ticket")
    @ApiResponse(responseCode = "404", description = "Ticket not found")
    @ApiResponse(responseCode = "500", description = "Unexpected error")
    @PostMapping({"/api/payments/cancel/", "/api/payments/cancel"})
    Mono<Cancelled> cancel(@AuthenticationPrincipal Jwt user,
            @RequestBody(required = false) TicketRequest request) {
        if (request == null) {
            return Mono.error(new InvalidRequest("ticket_id", "ticket_id is required."));
        }
        return cancellations.cancel(user.getSubject(), request.requireTicketId())
                .thenReturn(new Cancelled("Payment cancelled"));
    }

    private static Mono<PurchaseAnswer> answer(Ticket ticket) {
        if (ticket.status() == TicketStatus.PAID) {
            return Mono.just(TicketIssued.of("Successfully purchased tickets", ticket));
        }
        if (ticket.status() == TicketStatus.RESERVED && ticket.hasCheckout()) {
            return Mono.just(CheckoutStarted.of(ticket));
        }
        return Mono.error(new InvalidRequest("Payment could not be started"
                + (ticket.failureReason() != null ? " (" + ticket.failureReason() + ")" : "")
                + "; the reservation was released. Please try again later."));
    }
}
