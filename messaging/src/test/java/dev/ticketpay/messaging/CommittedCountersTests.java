package dev.ticketpay.messaging;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters the services' dashboards read: named and tagged as the caller says, one per name and tags, and
 * counted at once when no transaction is open (inside one, {@link AfterCommit} waits for the commit).
 */
class CommittedCountersTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommittedCounters counters = new CommittedCounters(meters);

    @Test
    void countsEachNameAndTagsOnItsOwnCounter() {
        counters.count("ticketpay.payments", "Payment outcomes", "outcome", "succeeded", "channel", "checkout")
                .block(Duration.ofSeconds(5));
        counters.count("ticketpay.payments", "Payment outcomes", "outcome", "succeeded", "channel", "checkout")
                .block(Duration.ofSeconds(5));
        counters.count("ticketpay.payments", "Payment outcomes", "outcome", "failed", "channel", "checkout")
                .block(Duration.ofSeconds(5));

        assertThat(meters.get("ticketpay.payments").tag("outcome", "succeeded").tag("channel", "checkout")
                .counter().count()).isEqualTo(2);
        assertThat(meters.get("ticketpay.payments").tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(meters.get("ticketpay.payments").tag("outcome", "failed").counter().getId().getDescription())
                .isEqualTo("Payment outcomes");
    }

    @Test
    void nothingIsCountedUntilTheCountIsSubscribed() {
        var count = counters.count("ticketpay.tickets.sold", "Tickets sold", "channel", "payment_intent");

        assertThat(meters.get("ticketpay.tickets.sold").counter().count()).isZero();
        count.block(Duration.ofSeconds(5));
        assertThat(meters.get("ticketpay.tickets.sold").tag("channel", "payment_intent").counter().count())
                .isEqualTo(1);
    }
}
