/** The public edge on port 8000: routes the API documents' paths to the services, checks JWTs, CORS. */
package dev.ticketpay.gateway;
