/** The buyers' and door staff's web app: its static files and the small server that hands them out. */
package dev.ticketpay.webapp;
