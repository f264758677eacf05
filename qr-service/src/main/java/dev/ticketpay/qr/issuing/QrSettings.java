package dev.ticketpay.qr.issuing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param signingKey the Ed25519 private key (PKCS#8, base64) that signs QR payloads; from the environment
 *        ({@code QR_SIGNING_KEY}), never logged. Empty ⇒ a throw-away key for this process only.
 * @param size width and height of the PNG in pixels
 */
@Validated
@ConfigurationProperties("ticketpay.qr")
public record QrSettings(String signingKey, @Min(100) @Max(2000) Integer size) {

    public int sizeOrDefault() {
        return size == null ? 300 : size;
    }
}
