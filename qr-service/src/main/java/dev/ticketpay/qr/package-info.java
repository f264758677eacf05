/** qr-service: signed QR codes for confirmed tickets, and their retrieval. */
package dev.ticketpay.qr;
