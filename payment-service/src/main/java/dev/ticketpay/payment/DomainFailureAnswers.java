package dev.ticketpay.payment;

import dev.ticketpay.payment.checkout.NotYourSession;
import dev.ticketpay.payment.checkout.SessionNotFound;
import dev.ticketpay.payment.intent.NotYours;
import dev.ticketpay.payment.intent.OrderRefusedByStripe;
import dev.ticketpay.payment.intent.OrdersUnreachable;
import dev.ticketpay.payment.intent.StripeBusyForOrder;
import dev.ticketpay.payment.ledger.LedgerBusy;
import dev.ticketpay.payment.intent.OrderNotFound;
import dev.ticketpay.payment.intent.OrderNotPayable;
import dev.ticketpay.payment.intent.PaymentNotFound;
import dev.ticketpay.payment.webhook.WebhookPayloadInvalid;
import dev.ticketpay.payment.webhook.WebhookSignatureInvalid;
import dev.ticketpay.web.FailureAnswers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The one place where payment-service's domain failures get their HTTP status and the request field at fault:
 * the failures say what happened, the shared error answers write them in the route's shape with their message.
 */
@Configuration(proxyBeanMethods = false)
class DomainFailureAnswers {

    @Bean
    FailureAnswers paymentFailures() {
        return FailureAnswers.table()
                .answer(WebhookSignatureInvalid.class, HttpStatus.BAD_REQUEST)
                .answer(OrderNotPayable.class, HttpStatus.BAD_REQUEST, "order_id")
                .answer(NotYours.class, HttpStatus.FORBIDDEN)
                .answer(OrderNotFound.class, HttpStatus.NOT_FOUND, "order_id")
                .answer(PaymentNotFound.class, HttpStatus.NOT_FOUND, "payment_id")
                .answer(WebhookPayloadInvalid.class, HttpStatus.BAD_REQUEST)
                .answer(OrderRefusedByStripe.class, HttpStatus.BAD_REQUEST, "order_id")
                .answer(NotYourSession.class, HttpStatus.FORBIDDEN)
                .answer(SessionNotFound.class, HttpStatus.NOT_FOUND)
                .answer(LedgerBusy.class, HttpStatus.CONFLICT)
                .answer(PaymentProviderUnavailable.class, HttpStatus.SERVICE_UNAVAILABLE)
                .answer(OrdersUnreachable.class, HttpStatus.SERVICE_UNAVAILABLE)
                .answer(StripeBusyForOrder.class, HttpStatus.SERVICE_UNAVAILABLE, failure -> null,
                        StripeBusyForOrder::retryAfter);
    }
}
