package dev.ticketpay.support;

/** A Kafka broker the tests talk to: embedded in this JVM ({@link EmbeddedKafka}) or in a container. */
public interface KafkaBroker extends AutoCloseable {

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** The port clients connect to on {@code localhost}. */
    int port();

    @Override
    void close();
}
