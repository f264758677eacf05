package dev.ticketpay.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackSettingsTests {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void kafkaListensOnTheUsualPortByDefault() {
        assertThat(StackSettings.fromEnvironment(ROOT, Map.of()).kafkaPort()).isEqualTo(9092);
    }

    @Test
    void kafkaPortMovesWithItsVariable() {
        assertThat(StackSettings.fromEnvironment(ROOT, Map.of("KAFKA_PORT", "19092")).kafkaPort()).isEqualTo(19092);
    }

    @Test
    void stacksBuiltInCodeTakeAFreeKafkaPort() {
        // the test stacks are built this way: they must never take 9092 from a running local stack
        var settings = new StackSettings(ROOT, ROOT, 0, new int[] {0}, 0, 0, 0, 0, "http://localhost:5173", "", "",
                "30m", true, Map.of(), true, false);
        assertThat(settings.kafkaPort()).isZero();
    }
}
