/**
 * Messaging's own admin endpoint over HTTP, the operators' handle on the dead letters; built on the shared error
 * answers of web-security and wired only in a service that serves HTTP.
 */
package dev.ticketpay.messaging.web;
