/**
 * Real infrastructure for development and tests: Kafka (KRaft) and PostgreSQL, embedded or in Testcontainers
 * containers, and a dev JWT issuer.
 */
package dev.ticketpay.support;
