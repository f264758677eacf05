package dev.ticketpay.support;

import java.util.Locale;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** A single-node Kafka broker (KRaft) in a Testcontainers container, with the embedded broker's settings. */
final class ContainerKafka implements KafkaBroker {

    /** The image docker-compose.yml runs too. */
    static final String IMAGE = "apache/kafka:4.1.0";
    private static final int KAFKA_PORT = 9092;

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        var container = new KafkaContainer(DockerImageName.parse(IMAGE));
        // the apache/kafka image reads broker settings from KAFKA_* variables (dots become underscores)
        EmbeddedKafka.BROKER_PROPERTIES.forEach((key, value) -> container.withEnv(
                "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public int port() {
        return container.getMappedPort(KAFKA_PORT);
    }

    @Override
    public void close() {
        container.stop();
    }
}
