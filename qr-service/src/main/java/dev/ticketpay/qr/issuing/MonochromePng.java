package dev.ticketpay.qr.issuing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.google.zxing.common.BitMatrix;

/**
 * A QR code's modules written straight into a PNG: one bit per pixel, grayscale (PNG colour type 0, bit depth 1),
 * each module a {@code scale} × {@code scale} square, set modules black. The scanlines are deflated as they are
 * (filter type 0); a code's rows repeat, so they compress well without filters. Java2D and ImageIO drew and wrote
 * the same pixels for about four times the CPU ({@code QrIssuingBenchmark}), into a slightly larger file.
 */
final class MonochromePng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private MonochromePng() {
    }

    static byte[] of(BitMatrix modules, int scale) {
        int width = modules.getWidth() * scale;
        int height = modules.getHeight() * scale;
        int stride = 1 + (width + 7) / 8;
        byte[] pixels = new byte[stride * height];
        for (int y = 0; y < modules.getHeight(); y++) {
            int first = y * scale * stride;
            // filter byte 0, then the row's bits, most significant first; 1 is white
            for (int x = 0; x < width; x++) {
                if (!modules.get(x / scale, y)) {
                    pixels[first + 1 + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
            for (int copy = 1; copy < scale; copy++) {
                System.arraycopy(pixels, first, pixels, first + copy * stride, stride);
            }
        }
        var png = new ByteArrayOutputStream(pixels.length / 8 + 128);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", new byte[] {
                (byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width,
                (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height,
                1, 0, 0, 0, 0});
        chunk(png, "IDAT", deflate(pixels));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** A zlib stream, as PNG's IDAT requires. */
    private static byte[] deflate(byte[] data) {
        var deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            var out = new ByteArrayOutputStream(data.length / 8 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        }
        finally {
            deflater.end();
        }
    }

    /** Length, type, data and the CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        var crc = new CRC32();
        crc.update(name);
        crc.update(data);
        writeInt(png, data.length);
        png.writeBytes(name);
        png.writeBytes(data);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
