/**
 * Gatling simulations of issue 11's load figures, runnable against the local stack or any deployment
 * ({@code -Dload.gateway=…}); not tests, so {@code ./mvnw verify} never runs them.
 */
package dev.ticketpay.load;
