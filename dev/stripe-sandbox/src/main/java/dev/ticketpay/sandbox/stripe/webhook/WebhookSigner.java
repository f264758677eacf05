package dev.ticketpay.sandbox.stripe.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.payload" keyed with the whole whsec_ secret>}, which stripe-java's {@code Webhook} verifies.
 */
public final class WebhookSigner {

    private final byte[] key;

    public WebhookSigner(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for {@code payload} signed at {@code timestamp} (Unix seconds). */
    public String header(String payload, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmac(timestamp + "." + payload);
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
