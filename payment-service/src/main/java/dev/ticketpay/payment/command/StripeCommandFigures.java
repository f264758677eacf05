package dev.ticketpay.payment.command;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.ticketpay.messaging.Repeating;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * How far the Stripe commands are behind, as gauges: {@code ticketpay.stripe.commands.pending} and
 * {@code ticketpay.stripe.commands.oldest.pending} (seconds since the oldest pending one was decided). A refund
 * that waits for minutes means Stripe keeps failing; the refused ones are counted by the worker.
 */
@Component
class StripeCommandFigures {

    private static final Duration PERIOD = Duration.ofSeconds(15);

    private final DatabaseClient db;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldest = new AtomicLong();

    StripeCommandFigures(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        Gauge.builder("ticketpay.stripe.commands.pending", pending, AtomicLong::get)
                .description("Stripe commands decided and not yet answered by Stripe").register(meters);
        Gauge.builder("ticketpay.stripe.commands.oldest.pending", oldest, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest pending Stripe command").register(meters);
    }

    @Bean
    static Repeating stripeCommandFiguresJob(StripeCommandFigures figures) {
        return new Repeating("Reading the Stripe commands' figures", PERIOD, PERIOD, figures::read);
    }

    Mono<Void> read() {
        return db.sql("""
                select count(*) as pending,
                    coalesce(extract(epoch from now() - min(created_at)), 0)::bigint as oldest
                from stripe_commands where status = 'pending'""")
                .map(row -> {
                    pending.set(row.get("pending", Long.class));
                    oldest.set(row.get("oldest", Long.class));
                    return true;
                })
                .one().then();
    }
}
