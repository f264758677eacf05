/**
 * Event mechanics shared by every service: the transactional outbox and its relay, the idempotent
 * consumer (inbox), CloudEvents headers, retries with dead-letter topics and Kafka health.
 */
package dev.ticketpay.messaging;
