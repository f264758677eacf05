/**
 * Check-in at the door of an event: staff scans admit a genuine, paid ticket of that event once; a refund revokes
 * its QR code.
 */
package dev.ticketpay.qr.checkin;
