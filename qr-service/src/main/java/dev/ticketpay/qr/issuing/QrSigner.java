package dev.ticketpay.qr.issuing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Signs and verifies QR payloads with Ed25519. A payload reads {@code TP1.<claims>.<signature>}, both parts
 * base64url without padding; the signature covers {@code TP1.<claims>}, so a scanner holding only the
 * public key can check a ticket offline.
 *
 * <p>The key is read and published through the JDK (PKCS#8 in, X.509 out); signing and the service's own checks
 * use Bouncy Castle's RFC 8032 Ed25519, which gives the same signatures (Ed25519 is deterministic) for a
 * fifteenth of the JDK's CPU, and checks them for a seventh ({@code QrIssuingBenchmark}).
 */
@Component
public class QrSigner {

    public static final String PREFIX = "TP1";
    private static final Logger log = LoggerFactory.getLogger(QrSigner.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern FORM = Pattern.compile(Pattern.quote(PREFIX) + "\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** The X.509 SubjectPublicKeyInfo of an Ed25519 key is this prefix and the key's 32 bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final byte[] seed;
    private final byte[] rawPublicKey;
    private final PublicKey publicKey;

    QrSigner(QrSettings settings) throws GeneralSecurityException {
        PrivateKey privateKey;
        if (settings.signingKey() == null || settings.signingKey().isBlank()) {
            log.warn("No QR signing key configured (QR_SIGNING_KEY): using a throw-away key; QR codes will not "
                    + "verify after a restart");
            privateKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        }
        else {
            privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(settings.signingKey().trim())));
        }
        // a PKCS#8 Ed25519 key may carry only the 32-byte seed; the public key is derived from it
        seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new InvalidKeyException("The QR signing key has no Ed25519 seed"));
        rawPublicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, rawPublicKey, 0);
        publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509(rawPublicKey)));
    }

    /** Signs the claims (a compact JSON document) into a payload. */
    public String sign(String claimsJson) {
        String signed = PREFIX + "." + B64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        byte[] message = signed.getBytes(StandardCharsets.US_ASCII);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, rawPublicKey, 0, message, 0, message.length, signature, 0);
        return signed + "." + B64URL.encodeToString(signature);
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
        byte[] x509;
        try {
            x509 = Base64.getDecoder().decode(publicKeyBase64);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
        int raw = x509.length - Ed25519.PUBLIC_KEY_SIZE;
        return raw == X509_PREFIX.length && Arrays.equals(x509, 0, raw, X509_PREFIX, 0, raw)
                && verify(payload, Arrays.copyOfRange(x509, raw, x509.length));
    }

    /**
     * The claims JSON of a payload signed with this service's own key; empty when the payload is not of the
     * form {@code TP1.<claims>.<signature>} or its signature does not verify (tampered, or signed by another key).
     */
    public Optional<String> verifiedClaims(String payload) {
        return verify(payload, rawPublicKey) ? Optional.of(claims(payload)) : Optional.empty();
    }

    /** Whether the text has the form of a payload, {@code TP1.<claims>.<signature>}, whoever signed it. */
    public static boolean isWellFormed(String payload) {
        return payload != null && FORM.matcher(payload).matches();
    }

    private static boolean verify(String payload, byte[] rawPublicKey) {
        if (!isWellFormed(payload)) {
            return false;
        }
        int last = payload.lastIndexOf('.');
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(payload.substring(last + 1));
        }
        catch (IllegalArgumentException e) {
            return false;
        }
        byte[] message = payload.substring(0, last).getBytes(StandardCharsets.US_ASCII);
        return signature.length == Ed25519.SIGNATURE_SIZE
                && Ed25519.verify(signature, 0, rawPublicKey, 0, message, 0, message.length);
    }

    /** The claims JSON of a payload (not verified). */
    public static String claims(String payload) {
        String[] parts = payload.split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    private static byte[] x509(byte[] rawPublicKey) {
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + rawPublicKey.length);
        System.arraycopy(rawPublicKey, 0, encoded, X509_PREFIX.length, rawPublicKey.length);
        return encoded;
    }
}
