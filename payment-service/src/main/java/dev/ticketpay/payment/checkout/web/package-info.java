/** The internal HTTP edge of checkout: reconcile a session on demand (never routed by the gateway). */
package dev.ticketpay.payment.checkout.web;
