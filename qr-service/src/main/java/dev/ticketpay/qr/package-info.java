/** qr-service: signed QR codes for confirmed tickets, their retrieval, and check-in at the door. */
package dev.ticketpay.qr;
