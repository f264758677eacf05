package dev.ticketpay.ticket.reservation.web;

import java.time.OffsetDateTime;

import dev.ticketpay.ticket.reservation.Ticket;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answers of the classic purchase API, in the seeds' field order, nulls included; and the shape of the v1
 * order answers for the API document ({@link OrderController} answers its own records of those fields, since
 * placing an order leaves out what reading it adds).
 */
final class PurchaseAnswers {

    /**
     * What create-payment-intent answers: a checkout to pay at, or the issued ticket. Not sealed: the document's
     * model reader would turn the two answers into subtypes of an empty schema.
     */
    interface PurchaseAnswer {
    }

    @Schema(name = "CheckoutStarted", description = "A paid event: the buyer pays at checkout_url (Stripe Checkout)")
    record CheckoutStarted(@Schema(example = "https://checkout.stripe.com/c/pay/cs_test_a1rl…") String checkoutUrl,
            @Schema(example = "cs_test_a1rlWLd6nBr9ZkAV70h2BnbvOFRTmDfnVLgnaPGUclFX3LbWVkoXDuQUEn") String sessionId,
            @Schema(example = "31") long ticketId,
            @Schema(example = "6e40a178-b56f-42e2-8264-77af31d21c3d") String ticketCode) implements PurchaseAnswer {

        static CheckoutStarted of(Ticket ticket) {
            return new CheckoutStarted(ticket.checkout().url(), ticket.checkout().sessionId(), ticket.id(),
                    ticket.code().toString());
        }
    }

    @Schema(name = "TicketIssued", description = "A free event, or a verified payment: the ticket with its QR code")
    record TicketIssued(@Schema(example = "Successfully purchased tickets") String detail,
            @Schema(description = "base64 PNG of the signed QR code") String qrCodeData,
            @Schema(example = "30") long ticketId,
            @Schema(example = "6e40a178-b56f-42e2-8264-77af31d21c3d") String ticketCode) implements PurchaseAnswer {

        static TicketIssued of(String detail, Ticket ticket) {
            return new TicketIssued(detail, ticket.hasQrCode() ? ticket.qrCode().pngBase64() : null, ticket.id(),
                    ticket.code().toString());
        }
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
