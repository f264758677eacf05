package dev.ticketpay.ticket;

import dev.ticketpay.ticket.catalog.EventNotFound;
import dev.ticketpay.ticket.reservation.CheckoutQueued;
import dev.ticketpay.ticket.reservation.NotEnoughTickets;
import dev.ticketpay.ticket.reservation.NotYourTicket;
import dev.ticketpay.ticket.reservation.PaymentSessionNotYours;
import dev.ticketpay.ticket.reservation.PaymentSessionUnknown;
import dev.ticketpay.ticket.reservation.PaymentUnverifiable;
import dev.ticketpay.ticket.reservation.SagaTimedOut;
import dev.ticketpay.ticket.reservation.SalesClosed;
import dev.ticketpay.ticket.reservation.TicketNotFound;
import dev.ticketpay.ticket.reservation.WrongTicketState;
import dev.ticketpay.web.FailureAnswers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The one place where ticket-service's domain failures get their HTTP status: the failures say what happened,
 * the shared error answers write them in the route's shape with the failure's message.
 */
@Configuration(proxyBeanMethods = false)
class DomainFailureAnswers {

    @Bean
    FailureAnswers ticketFailures() {
        return FailureAnswers.table()
                .answer(InvalidRequest.class, HttpStatus.BAD_REQUEST, InvalidRequest::field, failure -> null)
                .answerShared(NotEnoughTickets.class, HttpStatus.BAD_REQUEST, NotEnoughTickets::sharedFor)
                .answer(SalesClosed.class, HttpStatus.BAD_REQUEST)
                .answer(WrongTicketState.class, HttpStatus.BAD_REQUEST)
                .answer(NotYourTicket.class, HttpStatus.FORBIDDEN)
                .answer(PaymentSessionNotYours.class, HttpStatus.FORBIDDEN)
                .answer(PaymentSessionUnknown.class, HttpStatus.NOT_FOUND)
                .answer(PaymentUnverifiable.class, HttpStatus.SERVICE_UNAVAILABLE)
                .answer(EventNotFound.class, HttpStatus.NOT_FOUND)
                .answer(TicketNotFound.class, HttpStatus.NOT_FOUND)
                // the purchase is recorded; only the answer's wait ran out
                .answer(SagaTimedOut.class, HttpStatus.GATEWAY_TIMEOUT)
                .answer(CheckoutQueued.class, HttpStatus.SERVICE_UNAVAILABLE, failure -> null,
                        CheckoutQueued::retryAfter);
    }
}
