package dev.ticketpay.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long bookkeeping rows are kept before the {@link Retention} job deletes them.
 *
 * @param interval how often the job runs
 * @param outbox how long a published outbox row is kept (for inspection only)
 * @param inbox how long the id of an applied event is kept; must be longer than the topics' retention, or a
 *        redelivery older than this would be applied again
 * @param deadLetters how long a replayed dead letter is kept; pending ones are never deleted
 * @param batchSize rows deleted per statement, so no prune holds locks for long
 */
@ConfigurationProperties("ticketpay.messaging.retention")
public record RetentionSettings(
        @DefaultValue("1h") Duration interval,
        @DefaultValue("7d") Duration outbox,
        @DefaultValue("30d") Duration inbox,
        @DefaultValue("30d") Duration deadLetters,
        @DefaultValue("5000") int batchSize) {
}
