package dev.ticketpay.qr.issuing;

import java.util.Base64;
import java.util.Map;

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
        return MonochromePng.of(matrix, Math.max(4, size / matrix.getWidth()));
    }
}
