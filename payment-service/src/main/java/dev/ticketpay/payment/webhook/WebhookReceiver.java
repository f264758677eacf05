package dev.ticketpay.payment.webhook;

import java.nio.charset.StandardCharsets;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.ticketpay.payment.stripe.StripeSettings;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Receives a webhook: checks Stripe's signature over the untouched bytes, stores the event once by its id and
 * wakes the processing. Nothing else happens on the request, so Stripe gets its 200 fast and a slow database
 * never makes it retry a delivery we already hold.
 */
@Service
class WebhookReceiver {

    /** What the sender is told: the event and the payment status it stands for. */
    record Receipt(String eventId, String eventType, String paymentIntentId, String status) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StripeSettings settings;
    private final ReceivedStripeEvents events;
    private final StripeEventProcessing processing;

    WebhookReceiver(StripeSettings settings, ReceivedStripeEvents events, StripeEventProcessing processing) {
        this.settings = settings;
        this.events = events;
        this.processing = processing;
    }

    Mono<Receipt> receive(byte[] body, String signature) {
        if (body == null || body.length == 0 || signature == null || signature.isBlank()) {
            return Mono.error(new WebhookSignatureInvalid());
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        JsonNode event;
        try {
            // the signature alone; the event is read once, below, rather than also into stripe-java's model
            Webhook.Signature.verifyHeader(payload, signature, settings.webhookSecret(),
                    settings.webhookTolerance().toSeconds());
            event = JSON.readTree(payload);
        }
        catch (SignatureVerificationException e) {
            return Mono.error(new WebhookSignatureInvalid());
        }
        catch (RuntimeException e) {
            // signed by Stripe yet unreadable: nothing to store, and a retry would not help either
            return Mono.error(new WebhookPayloadInvalid());
        }
        String id = event.path("id").asString(null);
        String type = event.path("type").asString(null);
        if (id == null || type == null) {
            return Mono.error(new WebhookPayloadInvalid());
        }
        return events.add(id, type, payload)
                .doOnNext(added -> {
                    if (added) {
                        processing.stored(id);
                    }
                })
                .thenReturn(receipt(id, type, event.path("data").path("object")));
    }

    private static Receipt receipt(String id, String type, JsonNode object) {
        String paymentIntent = "payment_intent".equals(object.path("object").asString(null))
                ? object.path("id").asString(null)
                : object.path("payment_intent").isString() ? object.path("payment_intent").asString() : null;
        return new Receipt(id, type, paymentIntent, statusOf(type, object));
    }

    /** In the payments API's words: pending, processing, succeeded, failed, cancelled or refunded. */
    private static String statusOf(String type, JsonNode object) {
        return switch (type) {
            case "checkout.session.completed" -> "paid".equals(object.path("payment_status").asString(null))
                    ? "succeeded" : "processing";
            case "checkout.session.async_payment_succeeded", "payment_intent.succeeded" -> "succeeded";
            case "checkout.session.async_payment_failed", "checkout.session.expired",
                    "payment_intent.payment_failed" -> "failed";
            case "payment_intent.canceled" -> "cancelled";
            case "payment_intent.processing" -> "processing";
            case "charge.refunded" -> "refunded";
            case "charge.dispute.created" -> "disputed";
            default -> "received";
        };
    }
}
