/** Check-in at the door: staff scans admit a genuine, paid ticket once; a refund revokes its QR code. */
package dev.ticketpay.qr.checkin;
