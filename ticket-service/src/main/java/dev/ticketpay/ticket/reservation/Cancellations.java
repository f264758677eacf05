package dev.ticketpay.ticket.reservation;

import java.time.Clock;

import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.messaging.web.ApiException;
import dev.ticketpay.ticket.catalog.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Ending reservations that will not be paid: the buyer cancels, or the hold runs out. Seats go back on sale
 * in the same transaction, and payment-service hears of it (TicketCancelled / TicketExpired) so the checkout
 * can no longer be paid. The expiry sweep locks overdue rows with SKIP LOCKED, so several instances share it.
 */
@Service
public class Cancellations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Cancellations.class);
    private static final int SWEEP_BATCH = 100;

    private final Tickets tickets;
    private final Events events;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final ReservationSettings settings;
    private final Clock clock;
    private volatile Disposable sweeping;

    Cancellations(Tickets tickets, Events events, Outbox outbox, TransactionalOperator transactions,
            ReservationSettings settings, java.util.Optional<Clock> clock) {
        this.tickets = tickets;
        this.events = events;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The owner cancels an unpaid reservation. */
    public Mono<Ticket> cancel(String userId, long ticketId) {
        return transactions.transactional(tickets.lock(ticketId)
                .switchIfEmpty(Mono.error(() -> new TicketNotFound(ticketId)))
                .flatMap(ticket -> {
                    if (!ticket.isOwnedBy(userId)) {
                        return Mono.error(new ApiException(HttpStatus.FORBIDDEN,
                                "You do not have permission to perform this action."));
                    }
                    Ticket cancelled = ticket.cancel();
                    return tickets.save(cancelled)
                            .then(events.release(ticket.eventId(), ticket.quantity()))
                            .then(outbox.append(cancelled.cancelled(clock.instant())))
                            .thenReturn(cancelled);
                }));
    }

    /** Expires every overdue reservation; emits how many. */
    public Mono<Integer> expireOverdue() {
        return transactions.transactional(tickets.lockOverdue(clock.instant(), SWEEP_BATCH)
                .concatMap(ticket -> {
                    Ticket expired = ticket.expire();
                    return tickets.save(expired)
                            .then(events.release(ticket.eventId(), ticket.quantity()))
                            .then(outbox.append(expired.expired(clock.instant())))
                            .thenReturn(expired);
                })
                .count()
                .map(Long::intValue));
    }

    @Override
    public void start() {
        sweeping = Flux.interval(settings.expirySweep(), settings.expirySweep())
                .onBackpressureDrop()
                .concatMap(tick -> expireOverdue()
                        .doOnNext(count -> {
                            if (count > 0) {
                                log.info("Expired {} unpaid reservations", count);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("Expiry sweep failed, will retry: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (sweeping != null) {
            sweeping.dispose();
            sweeping = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
