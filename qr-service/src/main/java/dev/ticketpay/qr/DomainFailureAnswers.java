package dev.ticketpay.qr;

import dev.ticketpay.qr.checkin.InvalidTicketSignature;
import dev.ticketpay.qr.checkin.NotATicketQrCode;
import dev.ticketpay.qr.checkin.NotStaffOfEvent;
import dev.ticketpay.qr.checkin.UnknownTicket;
import dev.ticketpay.web.FailureAnswers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The one place where qr-service's check-in failures get their HTTP status and the request field at fault: the
 * failures say what happened, the shared error answers write them in the route's shape with their message.
 */
@Configuration(proxyBeanMethods = false)
class DomainFailureAnswers {

    @Bean
    FailureAnswers checkInFailures() {
        return FailureAnswers.table()
                .answer(NotATicketQrCode.class, HttpStatus.BAD_REQUEST, "qr_payload")
                .answer(InvalidTicketSignature.class, HttpStatus.BAD_REQUEST, "qr_payload")
                .answer(NotStaffOfEvent.class, HttpStatus.FORBIDDEN, "event_id")
                .answer(UnknownTicket.class, HttpStatus.NOT_FOUND);
    }
}
