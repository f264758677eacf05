/** Issuing QR codes: the signed payload, its PNG rendering and the QrCodeIssued event. */
package dev.ticketpay.qr.issuing;
