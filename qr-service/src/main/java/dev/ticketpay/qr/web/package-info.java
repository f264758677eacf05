/** QR codes over HTTP: the owner's QR again, and the public key scanners verify with. */
package dev.ticketpay.qr.web;
