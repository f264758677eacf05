package dev.ticketpay.ticket.reservation;

import java.time.Duration;
import java.util.function.Predicate;

import dev.ticketpay.messaging.PostgresNotifications;
import dev.ticketpay.ticket.NotificationSubscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * Lets a request wait until its ticket reaches some state. The instance that consumes the saga's event
 * need not be the one holding the request: the consumer updates the ticket row, the row's trigger notifies
 * every instance through PostgreSQL, and the waiter re-reads the row. A slow re-read covers a notification
 * lost while the listening connection reconnects.
 */
@Component
class TicketChanges extends NotificationSubscription {

    private static final Duration FALLBACK_READ = Duration.ofSeconds(1);

    private final Tickets tickets;
    private final Sinks.Many<Long> changed = Sinks.many().multicast().directBestEffort();

    TicketChanges(PostgresNotifications notifications, Tickets tickets) {
        super(notifications, "ticket_changed");
        this.tickets = tickets;
    }

    /**
     * The ticket once {@code reached} holds for it; {@link SagaTimedOut} after {@code timeout}. The row is read
     * now, then on each change.
     */
    Mono<Ticket> await(long ticketId, Predicate<Ticket> reached, Duration timeout, String waitingFor) {
        return await(ticketId, Duration.ZERO, reached, timeout, waitingFor);
    }

    /**
     * As {@link #await(long, Predicate, Duration, String)} for a ticket the caller has just written or read: no
     * read until it changes. A change that committed between the caller's statement and this wait is found by the
     * slow re-read.
     */
    Mono<Ticket> await(Ticket known, Predicate<Ticket> reached, Duration timeout, String waitingFor) {
        return reached.test(known) ? Mono.just(known)
                : await(known.id(), FALLBACK_READ, reached, timeout, waitingFor);
    }

    private Mono<Ticket> await(long ticketId, Duration firstRead, Predicate<Ticket> reached, Duration timeout,
            String waitingFor) {
        Flux<Object> wakeUps = Flux.merge(
                changed.asFlux().filter(id -> id == ticketId),
                Flux.interval(firstRead, FALLBACK_READ));
        return wakeUps.concatMap(wakeUp -> tickets.byId(ticketId), 1)
                .filter(reached)
                .next()
                .timeout(timeout, Mono.error(() -> new SagaTimedOut(ticketId, waitingFor)));
    }

    @Override
    protected void onNotification(String ticketId) {
        changed.tryEmitNext(Long.parseLong(ticketId));
    }
}
