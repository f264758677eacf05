package dev.ticketpay.ticket.reservation;

import java.time.Duration;

import dev.ticketpay.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A paid purchase whose checkout session did not come in time, typically because session creation is queued under
 * Stripe's rate limits while many buy at once. The reservation stands and its seats stay held; the session comes
 * when its turn does. A 503 with {@code Retry-After}: the request is sound, the payment provider is busy, and the
 * same request with the same {@code Idempotency-Key} answers this ticket's checkout URL once it is there.
 */
public class CheckoutQueued extends ApiException {

    CheckoutQueued(long ticketId, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Ticket " + ticketId + " is reserved and its seats are held, but the "
                + "payment provider is busy and its checkout is still queued. Try again in "
                + seconds(retryAfter) + " seconds with the same Idempotency-Key to "
                + "get its checkout URL.", null, retryAfter);
    }
}
