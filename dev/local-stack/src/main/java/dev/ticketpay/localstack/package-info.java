/** The whole system on one machine: embedded infrastructure, the Stripe sandbox and every service as a process. */
package dev.ticketpay.localstack;
