package dev.ticketpay.messaging;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on every database connection of a service, so that no statement, transaction or dead peer can hold a
 * request, a listener or a sweeper for ever. TCP keepalive is always on.
 *
 * @param connectTimeout how long opening a connection may take ({@code DB_CONNECT_TIMEOUT})
 * @param statementTimeout the server cancels a statement running longer ({@code DB_STATEMENT_TIMEOUT})
 * @param lockTimeout the server gives up waiting for a lock after this ({@code DB_LOCK_TIMEOUT})
 * @param idleInTransactionTimeout the server ends a session idle inside a transaction this long
 *        ({@code DB_IDLE_IN_TRANSACTION_TIMEOUT})
 * @param livenessTimeout how long the liveness check waits for a pooled connection
 */
@Validated
@ConfigurationProperties("ticketpay.database")
public record DatabaseSettings(
        @DurationMin(millis = 1) @DefaultValue("5s") Duration connectTimeout,
        @DurationMin(millis = 1) @DefaultValue("30s") Duration statementTimeout,
        @DurationMin(millis = 1) @DefaultValue("10s") Duration lockTimeout,
        @DurationMin(millis = 1) @DefaultValue("60s") Duration idleInTransactionTimeout,
        @DurationMin(millis = 1) @DefaultValue("5s") Duration livenessTimeout) {
}
