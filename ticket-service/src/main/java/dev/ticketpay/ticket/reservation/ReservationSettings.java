package dev.ticketpay.ticket.reservation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param hold how long a paid reservation keeps its seats before it expires
 * @param maxQuantity most tickets one purchase may take
 * @param answerTimeout how long a purchase request waits for the saga (QR code, checkout session)
 * @param expirySweep how often overdue reservations are looked for
 */
@ConfigurationProperties("ticketpay.reservation")
public record ReservationSettings(@DefaultValue("30m") Duration hold, @DefaultValue("10") int maxQuantity,
        @DefaultValue("15s") Duration answerTimeout, @DefaultValue("5s") Duration expirySweep) {
}
