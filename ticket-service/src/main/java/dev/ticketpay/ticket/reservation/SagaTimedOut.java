package dev.ticketpay.ticket.reservation;

/**
 * The purchase was recorded, but the step the answer waits for (the QR code, the checkout session) did not
 * happen in time. Nothing is lost: the saga goes on and the ticket can be fetched later.
 */
public class SagaTimedOut extends RuntimeException {

    SagaTimedOut(long ticketId, String waitingFor) {
        super("Ticket " + ticketId + " is recorded but its " + waitingFor + " is not ready yet; try again shortly.",
                null, false, false);
    }
}
