package dev.ticketpay.ticket.reservation;

import dev.ticketpay.web.ApiException;
import org.springframework.http.HttpStatus;

/** Fewer seats are left than the buyer asked for. */
public class NotEnoughTickets extends ApiException {

    NotEnoughTickets(int requested, int available) {
        super(HttpStatus.BAD_REQUEST, "Not enough tickets available: requested " + requested + ", " + available + " left.");
    }
}
