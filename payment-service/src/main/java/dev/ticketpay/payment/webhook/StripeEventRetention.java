package dev.ticketpay.payment.webhook;

import java.time.Duration;

import dev.ticketpay.messaging.Retention;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Processed Stripe events are pruned with the shared retention job. Stripe retries a webhook for up to three
 * days and its event list reaches back thirty, so the default keeps an event's id (its de-duplication) longer
 * than either. Unprocessed events are never pruned.
 */
@Configuration(proxyBeanMethods = false)
class StripeEventRetention {

    @Bean
    Retention.Rule processedStripeEvents(@Value("${ticketpay.stripe.event-retention:35d}") Duration keep) {
        return new Retention.Rule("stripe_events", "processed_at", keep);
    }
}
