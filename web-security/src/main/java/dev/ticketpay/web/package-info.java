/**
 * HTTP error answers shared by the gateway and the services: an {@link dev.ticketpay.web.ApiException}, or a
 * domain failure a service's {@link dev.ticketpay.web.FailureAnswers} table names, becomes the route's own error
 * shape, written in one place.
 */
package dev.ticketpay.web;
