package dev.ticketpay.payment.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Stripe's webhook: no JWT, the signature over the raw body is the proof. */
@RestController
@Tag(name = "Payments API v1", description = "Seed 004: orders, PaymentIntents, the Stripe webhook, payments")
class WebhookController {

    /** The answer's shape, for the API document. */
    @Schema(name = "WebhookReceipt")
    record Receipt(@Schema(example = "evt_1PqR…") String eventId,
            @Schema(example = "payment_intent.succeeded") String eventType,
            @Schema(example = "pi_3PqR…") String paymentIntentId,
            @Schema(example = "succeeded") String status) {
    }

    @Schema(name = "WebhookReceived")
    record Received(@Schema(allowableValues = "success") String status, Receipt data) {
    }

    private final WebhookReceiver webhooks;

    WebhookController(WebhookReceiver webhooks) {
        this.webhooks = webhooks;
    }

    /** The body is taken as bytes: any re-encoding would break the signature. */
    @Operation(summary = "Stripe webhook handler", description = "No JWT: Stripe's signature over "
            + "the raw body (STRIPE_WEBHOOK_SECRET, 5 minutes tolerance) is the proof. Each Stripe event id is "
            + "processed once. Handles checkout.session.*, payment_intent.succeeded / payment_failed / canceled / "
            + "processing, charge.refunded and charge.dispute.created / closed.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Event received", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Received.class)))
    @ApiResponse(responseCode = "400", description = "Invalid webhook signature, or not a Stripe event")
    @PostMapping("/api/v1/payments/webhook")
    Mono<Map<String, Object>> receive(@Parameter(description = "t=<timestamp>,v1=<HMAC-SHA256>")
            @RequestHeader(name = "Stripe-Signature", required = false) String signature,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "Stripe's event, byte for byte",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
            @RequestBody(required = false) byte[] body) {
        return webhooks.receive(body, signature).map(receipt -> {
            var data = new LinkedHashMap<String, Object>();
            data.put("event_id", receipt.eventId());
            data.put("event_type", receipt.eventType());
            data.put("payment_intent_id", receipt.paymentIntentId());
            data.put("status", receipt.status());
            return Map.of("status", "success", "data", data);
        });
    }
}
