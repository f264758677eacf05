package dev.ticketpay.messaging;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("ticketpay.messaging.retention")
public record RetentionSettings(
        @DurationMin(millis = 1) @DefaultValue("1h") Duration interval,
        @DurationMin(millis = 1) @DefaultValue("7d") Duration outbox,
        @DurationMin(millis = 1) @DefaultValue("30d") Duration inbox,
        @DurationMin(millis = 1) @DefaultValue("30d") Duration deadLetters,
        @Positive @DefaultValue("5000") int batchSize) {
}
