/**
 * HTTP error answers shared by the services: failures named as {@link dev.ticketpay.web.ApiException}s
 * become the route's own error shape, written in one place.
 */
package dev.ticketpay.web;
