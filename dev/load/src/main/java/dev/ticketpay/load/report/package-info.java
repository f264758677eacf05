/** The figures each load scenario measured, kept per scenario, and the markdown tables made of them. */
package dev.ticketpay.load.report;
