package dev.ticketpay.ticket.reservation.web;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shapes of the purchase and order answers, for the API document: the controllers build them as maps (so the
 * JSON keeps the seeds' field order and nulls), these records only describe them.
 */
final class PurchaseAnswers {

    @Schema(name = "CheckoutStarted", description = "A paid event: the buyer pays at checkout_url (Stripe Checkout)")
    record CheckoutStarted(@Schema(example = "https://checkout.stripe.com/c/pay/cs_test_a1rl…") String checkoutUrl,
            @Schema(example = "cs_test_a1rlWLd6nBr9ZkAV70h2BnbvOFRTmDfnVLgnaPGUclFX3LbWVkoXDuQUEn") String sessionId,
            @Schema(example = "31") long ticketId,
            @Schema(example = "6e40a178-b56f-42e2-8264-77af31d21c3d") String ticketCode) {
    }

    @Schema(name = "TicketIssued", description = "A free event, or a verified payment: the ticket with its QR code")
    record TicketIssued(@Schema(example = "Successfully purchased tickets") String detail,
            @Schema(description = "base64 PNG of the signed QR code") String qrCodeData,
            @Schema(example = "30") long ticketId,
            @Schema(example = "6e40a178-b56f-42e2-8264-77af31d21c3d") String ticketCode) {
    }

    @Schema(name = "PaymentCancelled", description = "The reservation is cancelled and its seats are back on sale")
    record Cancelled(@Schema(example = "Payment cancelled") String detail) {
    }

    @Schema(name = "Order", description = "An order of the payments API v1 (a reservation); GET adds event_id, "
            + "quantity and qr_code_data")
    record Order(String orderId, long ticketId, String ticketCode,
            @Schema(description = "minor units", example = "4500") long amount,
            @Schema(example = "jpy") String currency,
            @Schema(allowableValues = {"pending", "confirmed", "cancelled", "expired", "refunded", "disputed"})
            String status,
            OffsetDateTime expiresAt, Long eventId, Integer quantity,
            @Schema(description = "base64 PNG, once the order is confirmed") String qrCodeData) {
    }

    @Schema(name = "OrderAnswer", description = "The v1 success envelope around an order")
    record OrderAnswer(@Schema(allowableValues = "success") String status, Order data) {
    }

    private PurchaseAnswers() {
    }
}
