/** The events the services exchange over Kafka: records, topic names and their JSON form; no Spring. */
package dev.ticketpay.contracts;
