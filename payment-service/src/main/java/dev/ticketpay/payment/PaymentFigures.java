package dev.ticketpay.payment;

import java.util.Locale;

import dev.ticketpay.messaging.CommittedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The payments' business counter, {@code ticketpay.payments{outcome, channel}}: outcome {@code succeeded},
 * {@code failed}, {@code cancelled}, {@code refunded} or {@code disputed}; channel {@code checkout} or
 * {@code payment_intent}. Counted once the change commits, so a retried transaction counts once.
 */
@Component
public class PaymentFigures {

    private final CommittedCounters counters;

    PaymentFigures(MeterRegistry meters) {
        this.counters = new CommittedCounters(meters);
    }

    /** Counts the outcome of a payment of {@code channel} when the current transaction commits. */
    public Mono<Void> count(String outcome, ChannelPayment.Channel channel) {
        return counters.count("ticketpay.payments", "Payment outcomes by channel, counted when they commit",
                "outcome", outcome, "channel", channel.name().toLowerCase(Locale.ROOT));
    }
}
