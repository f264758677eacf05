package dev.ticketpay.ticket.reservation.web;

import java.time.Instant;
import java.util.List;

import dev.ticketpay.ticket.reservation.Ticket;
import dev.ticketpay.ticket.reservation.Tickets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in buyer's own tickets, on any device ("My tickets" in the web app). Not in the two API documents:
 * an addition in the classic API's style, so a buyer sees what they bought wherever they bought it.
 */
@RestController
@Tag(name = "My tickets", description = "The signed-in buyer's tickets (an addition to the two API documents)")
class MyTicketsController {

    /** A buyer with more tickets than this sees the newest ones. */
    static final int MOST = 100;

    private final Tickets tickets;

    MyTicketsController(Tickets tickets) {
        this.tickets = tickets;
    }

    @Operation(summary = "My tickets", description = "The caller's tickets, the newest first (at most 100); the QR "
            + "code of a paid one is at GET /api/tickets/{id}/qr")
    @ApiResponse(responseCode = "200", description = "The caller's tickets", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = MyTicket.class))))
    @GetMapping("/api/tickets")
    Mono<List<MyTicket>> mine(@AuthenticationPrincipal Jwt user) {
        return tickets.ownedBy(user.getSubject(), MOST).map(MyTicket::of).collectList();
    }

    @Schema(name = "MyTicket", description = "One of the caller's tickets")
    record MyTicket(@Schema(example = "31") long ticketId,
            @Schema(example = "1b0e2f6c-5d53-4a34-9d5e-0c1f4f2b9a10") String orderId,
            @Schema(example = "2") long eventId, @Schema(example = "Spring concert") String eventName,
            @Schema(example = "2") int quantity, @Schema(description = "minor units", example = "9000") long amount,
            @Schema(example = "jpy") String currency,
            @Schema(allowableValues = {"reserved", "paid", "cancelled", "expired", "refunded", "disputed"})
            String status,
            @Schema(example = "6e40a178-b56f-42e2-8264-77af31d21c3d") String ticketCode,
            @Schema(description = "when an unpaid reservation's hold ends") Instant expiresAt,
            @Schema(description = "how it is paid: a Stripe Checkout session (the classic API) or a PaymentIntent for "
                    + "its order (the payments API v1)", allowableValues = {"checkout", "payment_intent"})
            String payment) {

        static MyTicket of(Ticket ticket) {
            Ticket.Purchase purchase = ticket.purchase();
            return new MyTicket(ticket.id(), purchase.orderId().toString(), purchase.eventId(), purchase.eventName(),
                    purchase.quantity(), purchase.amount(), purchase.currency(), ticket.status().value(),
                    ticket.code().toString(), ticket.status().value().equals("reserved") ? ticket.expiresAt() : null,
                    purchase.channel());
        }
    }
}
