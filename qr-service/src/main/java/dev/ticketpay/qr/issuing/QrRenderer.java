package dev.ticketpay.qr.issuing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/** Draws a payload as a QR code PNG with zxing. CPU-bound, so it runs on {@code boundedElastic}. */
@Component
class QrRenderer {

    private final int size;

    QrRenderer(QrSettings settings) {
        this.size = settings.sizeOrDefault();
    }

    /** The PNG of the payload's QR code, base64. */
    Mono<String> pngBase64(String payload) {
        return Mono.fromCallable(() -> Base64.getEncoder().encodeToString(png(payload)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Encodes at one pixel per module with the standard four-module quiet zone, then scales by a whole number
     * so every module is a crisp square of equal size: scanners (and zxing's own reader) rely on that.
     */
    private byte[] png(String payload) throws WriterException {
        BitMatrix matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        int scale = Math.max(4, size / matrix.getWidth());
        var image = new BufferedImage(matrix.getWidth() * scale, matrix.getHeight() * scale,
                BufferedImage.TYPE_BYTE_BINARY);
        var graphics = image.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(java.awt.Color.BLACK);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    graphics.fillRect(x * scale, y * scale, scale, scale);
                }
            }
        }
        graphics.dispose();
        // written through a memory-cached stream: ImageIO.write(image, "png", out) would spool every code through a
        // temporary file on disk first (its default cache)
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
}
