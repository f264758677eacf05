package dev.ticketpay.payment;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketpay.messaging.AfterCommit;
import io.micrometer.core.instrument.Counter;
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

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    PaymentFigures(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts the outcome of a payment of {@code channel} when the current transaction commits. */
    public Mono<Void> count(String outcome, ChannelPayment.Channel channel) {
        String channelName = channel.name().toLowerCase(Locale.ROOT);
        Counter counter = counters.computeIfAbsent(outcome + '|' + channelName, key -> Counter
                .builder("ticketpay.payments").tag("outcome", outcome).tag("channel", channelName)
                .description("Payment outcomes by channel, counted when they commit").register(meters));
        return AfterCommit.run(counter::increment);
    }
}
