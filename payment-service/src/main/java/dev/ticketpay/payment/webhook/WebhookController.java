package dev.ticketpay.payment.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Stripe's webhook: no JWT, the signature over the raw body is the proof. */
@RestController
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** The body is taken as bytes: any re-encoding would break the signature. */
    @PostMapping("/api/v1/payments/webhook")
    Mono<Map<String, Object>> receive(@RequestHeader(name = "Stripe-Signature", required = false) String signature,
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
