package dev.ticketpay.qr.issuing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Signs and verifies QR payloads with Ed25519. A payload reads {@code TP1.<claims>.<signature>}, both parts
 * base64url without padding; the signature covers {@code TP1.<claims>}, so a scanner holding only the
 * public key can check a ticket offline.
 */
@Component
public class QrSigner {

    public static final String PREFIX = "TP1";
    private static final Logger log = LoggerFactory.getLogger(QrSigner.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern FORM = Pattern.compile(Pattern.quote(PREFIX) + "\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    QrSigner(QrSettings settings) throws GeneralSecurityException {
        if (settings.signingKey() == null || settings.signingKey().isBlank()) {
            log.warn("No QR signing key configured (QR_SIGNING_KEY): using a throw-away key; QR codes will not "
                    + "verify after a restart");
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            privateKey = pair.getPrivate();
            publicKey = pair.getPublic();
        }
        else {
            var factory = KeyFactory.getInstance("Ed25519");
            privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(settings.signingKey().trim())));
            publicKey = derivePublic(privateKey);
        }
    }

    /** Signs the claims (a compact JSON document) into a payload. */
    public String sign(String claimsJson) {
        String signed = PREFIX + "." + B64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + B64URL.encodeToString(signature.sign());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a QR payload", e);
        }
    }

    /** The public key, X.509 SubjectPublicKeyInfo, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /**
     * Whether {@code payload} carries a valid signature by the key whose X.509 form is {@code publicKey}.
     * For scanners and tests; the service itself checks with {@link #verifiedClaims}.
     */
    public static boolean verify(String payload, String publicKeyBase64) {
        try {
            return verify(payload, KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64))));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The claims JSON of a payload signed with this service's own key; empty when the payload is not of the
     * form {@code TP1.<claims>.<signature>} or its signature does not verify (tampered, or signed by another key).
     */
    public Optional<String> verifiedClaims(String payload) {
        return verify(payload, publicKey) ? Optional.of(claims(payload)) : Optional.empty();
    }

    /** Whether the text has the form of a payload, {@code TP1.<claims>.<signature>}, whoever signed it. */
    public static boolean isWellFormed(String payload) {
        return payload != null && FORM.matcher(payload).matches();
    }

    private static boolean verify(String payload, PublicKey key) {
        if (!isWellFormed(payload)) {
            return false;
        }
        int last = payload.lastIndexOf('.');
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(payload.substring(0, last).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(payload.substring(last + 1)));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The claims JSON of a payload (not verified). */
    public static String claims(String payload) {
        String[] parts = payload.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        // a PKCS#8 Ed25519 key may carry only the 32-byte seed; the JCA has no "public key of" call, but the
        // generator derives the same pair from the same seed
        var edKey = (java.security.interfaces.EdECPrivateKey) key;
        byte[] seed = edKey.getBytes().orElseThrow();
        var generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(new java.security.spec.NamedParameterSpec("Ed25519"),
                new FixedSeed(seed));
        return generator.generateKeyPair().getPublic();
    }

    /** Feeds the key's own seed to the generator so it rebuilds the same key pair. */
    private static final class FixedSeed extends java.security.SecureRandom {

        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
