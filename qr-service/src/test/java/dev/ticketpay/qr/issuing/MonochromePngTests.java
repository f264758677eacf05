package dev.ticketpay.qr.issuing;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import com.google.zxing.common.BitMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The PNG written straight from a code's modules: the same pixels Java2D drew, in a file any decoder accepts. */
class MonochromePngTests {

    @ParameterizedTest(name = "{0} modules, scale {1}")
    @CsvSource({"29, 10", "65, 4", "69, 5", "177, 4", "3, 1"})
    void everyPixelIsItsModuleBlackWhereSetWhiteElsewhere(int modules, int scale) throws Exception {
        var matrix = randomMatrix(modules, modules * 31L + scale);

        var image = ImageIO.read(new ByteArrayInputStream(MonochromePng.of(matrix, scale)));

        assertThat(image.getWidth()).isEqualTo(modules * scale);
        assertThat(image.getHeight()).isEqualTo(modules * scale);
        int wrong = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int expected = matrix.get(x / scale, y / scale) ? 0x000000 : 0xffffff;
                if ((image.getRGB(x, y) & 0xffffff) != expected) {
                    wrong++;
                }
            }
        }
        assertThat(wrong).as("pixels that are not their module's colour").isZero();
    }

    @ParameterizedTest(name = "{0} modules, scale {1}")
    @CsvSource({"65, 4", "21, 3"})
    void theFileIsOneBitGrayscaleWithEveryChunksChecksumRight(int modules, int scale) {
        var png = ByteBuffer.wrap(MonochromePng.of(randomMatrix(modules, 7), scale));
        byte[] signature = new byte[8];
        png.get(signature);
        assertThat(signature).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');

        var types = new ArrayList<String>();
        while (png.hasRemaining()) {
            byte[] data = new byte[png.getInt()];
            byte[] type = new byte[4];
            png.get(type).get(data);
            var crc = new CRC32();
            crc.update(type);
            crc.update(data);
            assertThat(png.getInt()).as("CRC of " + new String(type, StandardCharsets.US_ASCII))
                    .isEqualTo((int) crc.getValue());
            types.add(new String(type, StandardCharsets.US_ASCII));
            if (types.size() == 1) {
                var header = ByteBuffer.wrap(data);
                assertThat(header.getInt()).isEqualTo(modules * scale);
                assertThat(header.getInt()).isEqualTo(modules * scale);
                // bit depth 1, colour type 0 (grayscale), deflate, no filter method, no interlace
                assertThat(new byte[] {header.get(), header.get(), header.get(), header.get(), header.get()})
                        .containsExactly(1, 0, 0, 0, 0);
            }
        }
        assertThat(types).containsExactly("IHDR", "IDAT", "IEND");
    }

    private static BitMatrix randomMatrix(int size, long seed) {
        var random = new Random(seed);
        var matrix = new BitMatrix(size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (random.nextBoolean()) {
                    matrix.set(x, y);
                }
            }
        }
        return matrix;
    }
}
