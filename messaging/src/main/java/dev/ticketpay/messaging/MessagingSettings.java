package dev.ticketpay.messaging;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the event mechanics behave.
 *
 * @param source CloudEvents {@code source} of what this service publishes, e.g. {@code /ticket-service}
 * @param relayPollInterval how often the relay looks for unpublished rows when no notification came
 * @param relayBatchSize rows published per round trip
 * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch before trying again later
 * @param retryBackoff first pause before a failed record is delivered again; doubles each time
 * @param retryMaxBackoff the longest pause between deliveries of a failing record; it is retried for ever
 * @param partitions partitions of the topics this service creates; null: the broker's {@code num.partitions}
 * @param replicas replication factor of those topics; null: the broker's {@code default.replication.factor}
 * @param databaseTimeout how long one database round of the relay, the inbox or a sweeper may take
 */
@Validated
@ConfigurationProperties("ticketpay.messaging")
public record MessagingSettings(
        String source,
        @DurationMin(millis = 1) @DefaultValue("1s") Duration relayPollInterval,
        @Positive @DefaultValue("200") int relayBatchSize,
        @DurationMin(millis = 1) @DefaultValue("10s") Duration sendTimeout,
        @DurationMin(millis = 1) @DefaultValue("250ms") Duration retryBackoff,
        @DurationMin(millis = 1) @DefaultValue("30s") Duration retryMaxBackoff,
        @Positive Integer partitions,
        @Positive Short replicas,
        @DurationMin(millis = 1) @DefaultValue("30s") Duration databaseTimeout) {
}
