/**
 * The token rules the gateway and the services apply alike, the memory of verified tokens, and the common part
 * of a service's security chain.
 */
package dev.ticketpay.security;
