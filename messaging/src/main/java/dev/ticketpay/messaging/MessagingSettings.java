package dev.ticketpay.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the event mechanics behave.
 *
 * @param source CloudEvents {@code source} of what this service publishes, e.g. {@code /ticket-service}
 * @param relayPollInterval how often the relay looks for unpublished rows when no notification came
 * @param relayBatchSize rows published per round trip
 * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch before trying again later
 * @param retryAttempts delivery attempts of a consumed record before it goes to {@code <topic>.dlt}
 * @param retryBackoff first pause between attempts; doubles each time
 * @param partitions partitions of the topics this service creates
 * @param replicas replication factor of those topics
 */
@ConfigurationProperties("ticketpay.messaging")
public record MessagingSettings(
        String source,
        @DefaultValue("1s") Duration relayPollInterval,
        @DefaultValue("200") int relayBatchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("4") int retryAttempts,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicas) {
}
