/**
 * The documents the gateway serves on its public port: one OpenAPI document of every routed service at
 * {@code /v3/api-docs}, Swagger UI at {@code /docs}, the AsyncAPI document as a page at {@code /docs/events}.
 */
package dev.ticketpay.gateway.docs;
