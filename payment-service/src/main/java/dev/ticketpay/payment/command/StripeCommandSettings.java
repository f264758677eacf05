package dev.ticketpay.payment.command;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker performs pending Stripe commands.
 *
 * @param pollInterval how often due commands are looked for (besides being woken when one is written)
 * @param firstBackoff pause after the first failed attempt; doubles with each attempt
 * @param maxBackoff the longest pause between attempts
 * @param lease how long a claimed command is left alone by the other instances while its Stripe call runs; longer
 *        than a call with all its retries can take
 */
@ConfigurationProperties("ticketpay.stripe.commands")
public record StripeCommandSettings(@DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1s") Duration firstBackoff, @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("5m") Duration lease) {

    public StripeCommandSettings {
        for (Duration d : new Duration[] {pollInterval, firstBackoff, maxBackoff, lease}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("ticketpay.stripe.commands durations must be positive");
            }
        }
    }

    /** The pause before the next attempt after {@code attempts} failed ones: capped exponential. */
    Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wanted = firstBackoff.multipliedBy(1L << doublings);
        return wanted.compareTo(maxBackoff) > 0 || wanted.isNegative() ? maxBackoff : wanted;
    }
}
