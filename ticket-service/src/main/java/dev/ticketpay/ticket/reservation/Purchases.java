package dev.ticketpay.ticket.reservation;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.catalog.EventNotFound;
import dev.ticketpay.ticket.catalog.Show;
import dev.ticketpay.ticket.catalog.Shows;
import dev.ticketpay.ticket.catalog.SoldOutShows;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Buying tickets: seats, ticket row and event commit in one transaction, then the answer waits for the
 * saga's next step. A free ticket is paid at once and waits for its QR code.
 */
@Service
public class Purchases {

    private final Shows shows;
    private final Tickets tickets;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final TicketChanges changes;
    private final SoldOutShows soldOut;
    private final ReservationSettings settings;
    private final Clock clock;
    private final TicketFigures figures;
    private final PurchaseLanes lanes;

    Purchases(Shows shows, Tickets tickets, Outbox outbox, TransactionalOperator transactions,
            TicketChanges changes, SoldOutShows soldOut, ReservationSettings settings,
            Clock clock, TicketFigures figures, MeterRegistry meters) {
        this.figures = figures;
        this.shows = shows;
        this.tickets = tickets;
        this.outbox = outbox;
        this.transactions = transactions;
        this.changes = changes;
        this.soldOut = soldOut;
        this.settings = settings;
        this.clock = clock;
        this.lanes = new PurchaseLanes(settings.purchasesPerEvent(), settings.purchaseQueueWait());
        Gauge.builder("ticketpay.purchases.waiting", lanes, PurchaseLanes::waiting)
                .description("Purchases waiting in memory for their turn at their event's row").register(meters);
    }

    /** A purchase as the buyer asked for it. */
    public record Order(String userId, String email, long eventId, int quantity, String channel) {

        /** A classic purchase, paid through Stripe Checkout. */
        public Order(String userId, String email, long eventId, int quantity) {
            this(userId, email, eventId, quantity, TicketReserved.CHECKOUT);
        }

        String fingerprint() {
            return channel + ":" + eventId + "x" + quantity;
        }
    }

    /**
     * Takes the seats and records the ticket; nothing is written when the event is unknown, sold out or has
     * started (ticket sales close when the event begins).
     */
    public Mono<Ticket> place(Order order) {
        return place(order, null);
    }

    /**
     * As {@link #place(Order)}, but a request repeated with the same {@code idempotencyKey} (by the same user)
     * answers with the ticket of the first one and takes no more seats; the same key with another request is
     * refused. Without a key, a buyer of an event this instance just found sold out is refused from memory
     * ({@link SoldOutShows}) without touching the database, and that refusal is marked as every such buyer's for
     * {@code ticketpay.reservation.shared-refusal}, so the gateway gives it to the next ones itself; a keyed
     * request always asks the database, since it may repeat a purchase that got its seats.
     */
    public Mono<Ticket> place(Order order, String idempotencyKey) {
        if (order.quantity() < 1 || order.quantity() > settings.maxQuantity()) {
            return Mono.error(new InvalidRequest("quantity",
                    "quantity must be between 1 and " + settings.maxQuantity() + "."));
        }
        if (idempotencyKey == null) {
            // asked again when the purchase's turn in its lane comes: the buyers queued behind a sale's last seats
            // are then refused from memory, with no transaction
            return unlessKnownSoldOut(order, () -> lanes.through(order.eventId(),
                    Mono.defer(() -> unlessKnownSoldOut(order, () -> transactions.transactional(open(order))))));
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            return Mono.error(new InvalidRequest("Idempotency-Key must be 1 to 255 characters."));
        }
        return lanes.through(order.eventId(), transactions.transactional(tickets.claimRequest(order.userId(),
                        idempotencyKey)
                .flatMap(first -> first ? open(order)
                        .flatMap(ticket -> tickets.recordRequest(order.userId(), idempotencyKey, order.fingerprint(),
                                ticket.id()).thenReturn(ticket))
                        : tickets.requestedBefore(order.userId(), idempotencyKey, order.fingerprint())
                                .switchIfEmpty(Mono.error(() -> new InvalidRequest(
                                        "Idempotency-Key was already used for a different request."))))));
    }

    /** {@code purchase}, unless this instance remembers the event has too few seats left: then refused from memory. */
    private Mono<Ticket> unlessKnownSoldOut(Order order, Supplier<Mono<Ticket>> purchase) {
        var left = soldOut.tooFewFor(order.eventId(), order.quantity());
        return left.isPresent()
                ? Mono.error(new NotEnoughTickets(order.quantity(), left.getAsInt(), settings.sharedRefusal()))
                : purchase.get();
    }

    private Mono<Ticket> open(Order order) {
        Instant now = clock.instant();
        return takeSeats(order, now).flatMap(show -> {
            Ticket ticket = Ticket.open(show, order.userId(), order.email(), order.quantity(),
                    now.plus(settings.hold()), order.channel());
            return tickets.insert(ticket).flatMap(saved -> outbox
                    .append(saved.status() == TicketStatus.PAID ? saved.confirmed(now) : saved.reserved())
                    .then(figures.reserved(saved))
                    .then(saved.status() == TicketStatus.PAID ? figures.sold(saved) : Mono.empty())
                    .thenReturn(saved));
        });
    }

    /**
     * The ticket once the saga settled the purchase: QR code issued, checkout open, or the attempt failed. A
     * checkout still queued after {@code checkoutWait} is {@link CheckoutQueued}: the seats stay held.
     */
    public Mono<Ticket> awaitAnswer(Ticket ticket) {
        return ticket.status() == TicketStatus.PAID || ticket.purchase().amount() == 0 ? awaitQrCode(ticket)
                : changes.await(ticket, t -> t.hasCheckout() || t.isSettled(), settings.checkoutWait(),
                        "checkout session")
                        .onErrorMap(SagaTimedOut.class,
                                late -> new CheckoutQueued(ticket.id(), settings.checkoutRetryAfter()));
    }

    /** The paid ticket once its QR code is there. */
    public Mono<Ticket> awaitQrCode(Ticket ticket) {
        return changes.await(ticket, Ticket::hasQrCode, settings.answerTimeout(), "QR code");
    }

    /** The seats, or why there are none: no such event, sales closed at its start, too few left. */
    private Mono<Show> takeSeats(Order order, Instant now) {
        long epoch = soldOut.epoch();
        return shows.take(order.eventId(), order.quantity(), now)
                .switchIfEmpty(Mono.defer(() -> shows.byId(order.eventId())
                        .switchIfEmpty(Mono.error(() -> new EventNotFound(order.eventId())))
                        .flatMap(show -> {
                            if (!show.startsAt().isAfter(now)) {
                                return Mono.error(new SalesClosed(show.id(), show.startsAt()));
                            }
                            soldOut.remember(show.id(), show.available(), epoch);
                            return Mono.error(new NotEnoughTickets(order.quantity(), show.available()));
                        })));
    }
}
