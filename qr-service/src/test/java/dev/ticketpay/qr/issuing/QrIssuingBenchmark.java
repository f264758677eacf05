package dev.ticketpay.qr.issuing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.junit.jupiter.api.Test;

/**
 * The CPU of one QR code's parts, single-threaded and warm, each beside what it replaced: the PNG written from the
 * modules against Java2D drawing and ImageIO writing the same pixels, Bouncy Castle's Ed25519 against the JDK's.
 * Not part of {@code verify} (the name matches no test pattern); run it with
 * {@code ./mvnw -pl qr-service -am test -Dtest=QrIssuingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class QrIssuingBenchmark {

    private static final int ROUNDS = 5;
    private static final int CODES = 2_000;

    @Test
    void partsOfOneQrCode() throws Exception {
        var signer = new QrSigner(new QrSettings(null, null));
        var jdkKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var jdkKey = jdkKeys.getPrivate();
        String payload = signer.sign(QrSignerTests.CLAIMS.replace("6e40a178-b56f-42e2-8264-77af31d21c3d",
                UUID.randomUUID().toString()));
        BitMatrix modules = encode(payload);
        int scale = Math.max(4, new QrSettings(null, null).sizeOrDefault() / modules.getWidth());
        System.out.printf("payload %d characters, %d × %d modules with the quiet zone, scale %d%n", payload.length(),
                modules.getWidth(), modules.getHeight(), scale);
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf("round %d: zxing encode %.0f µs | PNG from the modules %.0f µs, Java2D + ImageIO"
                    + " %.0f µs | Ed25519 sign, Bouncy Castle %.0f µs, JDK %.0f µs | check, Bouncy Castle %.0f µs,"
                    + " JDK %.0f µs%n",
                    round,
                    micros(i -> encode(payload + i)),
                    micros(i -> MonochromePng.of(modules, scale)),
                    micros(i -> java2d(modules, scale)),
                    micros(i -> signer.sign(QrSignerTests.CLAIMS + i)),
                    micros(i -> jdkSign(jdkKey, (payload + i).getBytes(StandardCharsets.US_ASCII))),
                    micros(i -> signer.verifiedClaims(payload)),
                    micros(i -> jdkVerify(jdkKeys.getPublic(), payload)));
        }
    }

    private static double micros(IntConsumer work) {
        long start = System.nanoTime();
        for (int i = 0; i < CODES; i++) {
            work.accept(i);
        }
        return (System.nanoTime() - start) / 1e3 / CODES;
    }

    private static BitMatrix encode(String payload) {
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        }
        catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How qr-service drew and wrote the PNG before {@link MonochromePng}. */
    private static byte[] java2d(BitMatrix matrix, int scale) {
        var image = new BufferedImage(matrix.getWidth() * scale, matrix.getHeight() * scale,
                BufferedImage.TYPE_BYTE_BINARY);
        var graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(Color.BLACK);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    graphics.fillRect(x * scale, y * scale, scale, scale);
                }
            }
        }
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        var writer = ImageIO.getImageWritersByFormatName("png").next();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static boolean jdkVerify(java.security.PublicKey key, String payload) {
        int last = payload.lastIndexOf('.');
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(payload.substring(0, last).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(payload.substring(last + 1)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jdkSign(java.security.PrivateKey key, byte[] message) {
        try {
            var signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return Base64.getUrlEncoder().encodeToString(signature.sign());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
