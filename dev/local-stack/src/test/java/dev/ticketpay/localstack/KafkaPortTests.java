package dev.ticketpay.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the local stack puts Kafka for other teams' consumers; the stacks of tests
 * ({@code LocalStack.start(settings)}) take a free port.
 */
class KafkaPortTests {

    @Test
    void kafkaListensOnTheUsualPortByDefault() {
        assertThat(LocalStackMain.kafkaPort(Map.of())).isEqualTo(9092);
    }

    @Test
    void kafkaPortMovesWithItsVariable() {
        assertThat(LocalStackMain.kafkaPort(Map.of("KAFKA_PORT", "19092"))).isEqualTo(19092);
    }
}
