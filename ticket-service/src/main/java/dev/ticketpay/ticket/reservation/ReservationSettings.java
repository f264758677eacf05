package dev.ticketpay.ticket.reservation;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param hold how long a paid reservation keeps its seats before it expires
 * @param maxQuantity most tickets one purchase may take
 * @param answerTimeout how long a purchase request waits for the saga's QR code
 * @param expirySweep how often overdue reservations are looked for
 * @param checkoutWait how long a paid purchase waits for its checkout session (queued under Stripe's rate limits
 *        when many buy at once) before it is answered 503, seats held
 * @param checkoutRetryAfter the {@code Retry-After} of that answer
 * @param paymentServiceTimeout how long the verify step waits for payment-service to reconcile a Checkout Session
 *        with Stripe before it answers 503
 * @param sharedRefusal how long a purchase refused from the memory of sold-out events is marked as the answer for
 *        every buyer sending the same request ({@code dev.ticketpay.web.SharedAnswer}): the gateway answers them
 *        itself for that long, so seats that come back stay off sale through it for at most this long
 * @param purchasesPerEvent how many purchase transactions of one event run at once on an instance, 0 for no limit;
 *        they all wait for the event's row in turn, and the rest wait in memory rather than each holding a database
 *        connection ({@link PurchaseLanes}). 4 by default, below the pool's size (10), so that a row held for long
 *        leaves the instance connections for its other events and its listeners (docs/decisions.md)
 * @param purchaseQueueWait how long a purchase waits for its turn among them before it is answered 503 with
 *        {@code Retry-After}
 */
@Validated
@ConfigurationProperties("ticketpay.reservation")
public record ReservationSettings(@DurationMin(millis = 1) @DefaultValue("30m") Duration hold,
        @Positive @DefaultValue("10") int maxQuantity,
        @DurationMin(millis = 1) @DefaultValue("15s") Duration answerTimeout,
        @DurationMin(millis = 1) @DefaultValue("5s") Duration expirySweep,
        @DurationMin(millis = 1) @DefaultValue("10s") Duration checkoutWait,
        @DurationMin(seconds = 1) @DefaultValue("5s") Duration checkoutRetryAfter,
        @DurationMin(millis = 1) @DefaultValue("20s") Duration paymentServiceTimeout,
        @DurationMin(millis = 1) @DefaultValue("500ms") Duration sharedRefusal,
        @PositiveOrZero @DefaultValue("4") int purchasesPerEvent,
        @DurationMin(millis = 1) @DefaultValue("5s") Duration purchaseQueueWait) {
}
