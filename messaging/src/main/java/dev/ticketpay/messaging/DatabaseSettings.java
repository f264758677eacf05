package dev.ticketpay.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("ticketpay.database")
public record DatabaseSettings(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("10s") Duration lockTimeout,
        @DefaultValue("60s") Duration idleInTransactionTimeout,
        @DefaultValue("5s") Duration livenessTimeout) {
}
