/** Check-in over HTTP: {@code POST /api/check-ins} for staff scanners. */
package dev.ticketpay.qr.checkin.web;
