package dev.ticketpay.qr.issuing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QrSignerTests {

    static final String CLAIMS = "{\"c\":\"6e40a178-b56f-42e2-8264-77af31d21c3d\",\"t\":31,\"e\":15,\"q\":2,"
            + "\"i\":1751364281}";

    final KeyPair pair = ed25519();
    final QrSigner signer = signerWith(pair);

    @Test
    void signsPayloadsThatVerifyWithThePublicKeyOfTheConfiguredKey() {
        String payload = signer.sign(CLAIMS);

        assertThat(payload).startsWith("TP1.");
        assertThat(QrSigner.verify(payload, base64(pair.getPublic().getEncoded()))).isTrue();
        assertThat(QrSigner.claims(payload)).isEqualTo(CLAIMS);
    }

    @Test
    void publishesThePublicKeyOfTheConfiguredKey() {
        assertThat(signer.publicKeyBase64()).isEqualTo(base64(pair.getPublic().getEncoded()));
    }

    @Test
    void rejectsATamperedPayload() {
        String payload = signer.sign(CLAIMS);
        String[] parts = payload.split("\\.");
        String moreSeats = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(CLAIMS.replace("\"q\":2", "\"q\":9").getBytes(StandardCharsets.UTF_8));

        assertThat(QrSigner.verify(parts[0] + "." + moreSeats + "." + parts[2], signer.publicKeyBase64())).isFalse();
    }

    @Test
    void rejectsAPayloadSignedWithAnotherKey() {
        String foreign = signerWith(ed25519()).sign(CLAIMS);

        assertThat(QrSigner.verify(foreign, signer.publicKeyBase64())).isFalse();
    }

    @Test
    void rejectsAPayloadThatIsNotOfTheQrFormat() {
        assertThat(QrSigner.verify("not a ticket", signer.publicKeyBase64())).isFalse();
        assertThat(QrSigner.verify("TP1.e30.not-base64!", signer.publicKeyBase64())).isFalse();
    }

    @Test
    void signsExactlyAsTheJdksEd25519AndTheJdkVerifiesIt() throws Exception {
        for (int i = 0; i < 20; i++) {
            KeyPair keys = ed25519();
            String claims = CLAIMS.replace("\"q\":2", "\"q\":" + i);
            String payload = signerWith(keys).sign(claims);
            int last = payload.lastIndexOf('.');
            byte[] signed = payload.substring(0, last).getBytes(StandardCharsets.US_ASCII);

            var jdk = Signature.getInstance("Ed25519");
            jdk.initSign(keys.getPrivate());
            jdk.update(signed);
            assertThat(Base64.getUrlDecoder().decode(payload.substring(last + 1))).isEqualTo(jdk.sign());
            jdk.initVerify(keys.getPublic());
            jdk.update(signed);
            assertThat(jdk.verify(Base64.getUrlDecoder().decode(payload.substring(last + 1)))).isTrue();
        }
    }

    @Test
    void readsTheClaimsOnlyOfItsOwnIntactPayloads() {
        String payload = signer.sign(CLAIMS);
        String[] parts = payload.split("\\.");
        String otherSignature = signerWith(ed25519()).sign(CLAIMS).split("\\.")[2];

        assertThat(signer.verifiedClaims(payload)).contains(CLAIMS);
        assertThat(signer.verifiedClaims(parts[0] + "." + parts[1] + "." + otherSignature)).isEmpty();
        assertThat(signer.verifiedClaims(parts[0] + "." + parts[1] + "." + parts[2].substring(1))).isEmpty();
        assertThat(signer.verifiedClaims(payload + "x")).isEmpty();
    }

    @Test
    void rejectsEveryPayloadAgainstAKeyThatIsNoEd25519Key() throws Exception {
        String payload = signer.sign(CLAIMS);
        String rsa = base64(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());

        assertThat(QrSigner.verify(payload, rsa)).isFalse();
        assertThat(QrSigner.verify(payload, "not base64!")).isFalse();
        assertThat(QrSigner.verify(payload, base64(new byte[44]))).isFalse();
    }

    private static QrSigner signerWith(KeyPair pair) {
        try {
            return new QrSigner(new QrSettings(base64(pair.getPrivate().getEncoded()), null));
        }
        catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
