/** The HTTP edge of the payments API v1: intent for an order and payment details, in the v1 envelope. */
package dev.ticketpay.payment.intent.web;
