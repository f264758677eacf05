/** Real infrastructure for development and tests: embedded Kafka (KRaft), embedded PostgreSQL, a dev JWT issuer. */
package dev.ticketpay.support;
