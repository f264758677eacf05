/** What the gateway and the services share about their settings: a wrong one stops start-up, named by its variable. */
package dev.ticketpay.settings;
