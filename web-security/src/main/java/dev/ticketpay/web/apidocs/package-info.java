/** What every service's OpenAPI document has in common: the bearer token and the two error shapes. */
package dev.ticketpay.web.apidocs;
