package dev.ticketpay.payment.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.messaging.AfterCommit;
import dev.ticketpay.payment.DrainingWorker;
import dev.ticketpay.payment.charge.ChargeOutcomes;
import dev.ticketpay.payment.charge.DisputeSnapshot;
import dev.ticketpay.payment.checkout.SessionOutcomes;
import dev.ticketpay.payment.checkout.SessionSnapshot;
import dev.ticketpay.payment.intent.IntentOutcomes;
import dev.ticketpay.payment.intent.IntentSnapshot;
import dev.ticketpay.payment.stripe.StripeSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Processes stored Stripe events, in batches of up to {@value #BATCH} per transaction ({@value #WORKERS} at once while
 * more are due): the outcome events go to the outbox in the same transaction that marks the stored events processed,
 * so each is applied once even with several instances (rows are claimed with {@code skip locked}). The events this
 * instance stored are handed over by id ({@link #stored(String)}) and claimed by id; a sweep of the store, on a timer
 * and after {@link #wake()}, finds the rest: events stored by another instance that stopped, ids beyond what is kept in
 * memory, events due for another attempt. An event that fails is tried again later with growing pauses instead of
 * blocking the ones behind it: its batch is done again one event per transaction, and only the failing one is marked.
 */
@Component
class StripeEventProcessing extends DrainingWorker {

    /**
     * The events that decide a payment: a Checkout Session's, or a PaymentIntent's of the payments API v1; and
     * what happens to the money afterwards, whichever channel took it (refunds, disputes). The reconciliation job
     * lists these.
     */
    static final List<String> PAYMENT_EVENTS = List.of("checkout.session.completed",
            "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
            "checkout.session.expired", "payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.processing", "payment_intent.canceled", "charge.refunded",
            "charge.dispute.created", "charge.dispute.closed");

    private static final Logger log = LoggerFactory.getLogger(StripeEventProcessing.class);

    /**
     * Loops draining at once while events keep coming. Each claims its rows with {@code skip locked} and locks their
     * payments, as it would with several instances, so their order was never guaranteed (the outcomes go by Stripe's
     * event time); one at a time the worker fell behind a busy on-sale's webhooks, waiting on one round trip after
     * another.
     */
    private static final int WORKERS = 4;

    /**
     * Events claimed and processed in one transaction: one claim, one commit for all of them. A burst of webhooks
     * cost a transaction each, and an empty claim per worker at the end of every round.
     */
    static final int BATCH = 16;

    /**
     * Ids handed over and not claimed yet, at most this many; beyond it an id is left to the sweep. A sweep walks the
     * index of unprocessed events from its oldest entry, past one dead entry per event processed since the last
     * vacuum: under a thousand webhooks a second it read thousands of index and table pages per claim, and the
     * claims took more of PostgreSQL's CPU than the webhooks' inserts and look-ups together. A claim by id reads the
     * primary key only.
     */
    static final int HANDED_OVER_MAX = 10_000;

    private final Queue<String> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedOverCount = new AtomicInteger();
    /**
     * A sweep runs when asked ({@link #wake()}), on while it finds full batches, and otherwise once half an interval
     * has passed since the last one (so each round of the timer, every interval, makes one).
     */
    private final long sweepEvery;
    private volatile boolean sweeping;
    /** When the last sweep began ({@link System#nanoTime()}); set back by half an interval to ask for one at once. */
    private volatile long lastSweep;
    /**
     * A sweep leaves the events received within the last interval to the hand-over: else, whenever processing runs
     * behind, the sweep finds full batches of the very events waiting in the hand-over and walks the index for each.
     */
    private final Duration sweepGrace;

    private final ReceivedStripeEvents events;
    private final SessionOutcomes sessions;
    private final IntentOutcomes intents;
    private final ChargeOutcomes charges;
    private final TransactionalOperator transactions;
    private final Clock clock;

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    StripeEventProcessing(ReceivedStripeEvents events, SessionOutcomes sessions, IntentOutcomes intents,
            ChargeOutcomes charges, TransactionalOperator transactions, StripeSettings settings,
            ObjectProvider<MeterRegistry> meters, Clock clock) {
        super("Processing stored Stripe events", settings.eventSweepInterval(), WORKERS);
        this.sweepEvery = settings.eventSweepInterval().toNanos() / 2;
        this.lastSweep = System.nanoTime() - sweepEvery;
        this.sweepGrace = settings.eventSweepInterval();
        this.meters = meters.getIfAvailable();
        this.events = events;
        this.sessions = sessions;
        this.intents = intents;
        this.charges = charges;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** An event this instance has just stored (committed): claimed by its id, right away. */
    void stored(String id) {
        if (handedOverCount.incrementAndGet() <= HANDED_OVER_MAX) {
            handedOver.add(id);
        }
        else {
            handedOverCount.decrementAndGet();
        }
        super.wake();
    }

    /** Events were stored elsewhere (another instance, a listing of Stripe's): sweeps the store now. */
    @Override
    public void wake() {
        lastSweep = System.nanoTime() - sweepEvery;
        super.wake();
    }

    /**
     * Up to {@value #BATCH} due events in one transaction, the ones handed over first, else from a sweep when one is
     * due; true when more may be due. If one of them fails, the rollback takes the whole batch back and its events
     * are processed one per transaction instead, so that only the failing one waits for another attempt.
     */
    @Override
    protected Mono<Boolean> processNext() {
        List<String> ids = takeHandedOver();
        if (!ids.isEmpty()) {
            // one by one, each id is claimed whether or not the one before still was
            return batch(events.claim(ids), Flux.fromIterable(ids)
                    .concatMap(id -> processOne(events.claim(List.of(id)))).then()).thenReturn(true);
        }
        if (!sweepDue()) {
            return Mono.just(false);
        }
        // one by one, the oldest due event each time, until none is
        return batch(events.claim(BATCH, sweepGrace), Flux.range(0, BATCH)
                        .concatMap(attempt -> processOne(events.claim(1, sweepGrace)))
                        .takeUntil(processed -> !processed).then())
                .map(processed -> {
                    sweeping = processed == BATCH;
                    return sweeping;
                });
    }

    private List<String> takeHandedOver() {
        var ids = new ArrayList<String>(BATCH);
        String id;
        while (ids.size() < BATCH && (id = handedOver.poll()) != null) {
            handedOverCount.decrementAndGet();
            ids.add(id);
        }
        return ids;
    }

    private boolean sweepDue() {
        long now = System.nanoTime();
        if (sweeping || now - lastSweep >= sweepEvery) {
            lastSweep = now;
            return true;
        }
        return false;
    }

    /**
     * The events {@code claim} takes, in one transaction; how many. If one fails, the rollback takes them all back
     * and {@code oneByOne} processes them one per transaction instead (then the batch counts as full: more may be due).
     */
    private Mono<Long> batch(Flux<StoredEvent> claim, Mono<Void> oneByOne) {
        return transactions.transactional(claim.concatMap(this::process).count())
                .onErrorResume(ProcessingFailed.class, failed -> {
                    log.debug("Stripe event {} failed in a batch; processing the batch one event at a time",
                            failed.eventId);
                    return oneByOne.thenReturn((long) BATCH);
                });
    }

    private Mono<StoredEvent> process(StoredEvent event) {
        return handle(event)
                .onErrorMap(e -> new ProcessingFailed(event.id(), e))
                .then(AfterCommit.run(() -> timeToProcess(event)))
                .thenReturn(event);
    }

    /** The event {@code claim} takes, alone; false when none was due. One that fails is marked for a later attempt. */
    private Mono<Boolean> processOne(Flux<StoredEvent> claim) {
        return transactions.transactional(claim.concatMap(this::process).hasElements())
                .onErrorResume(ProcessingFailed.class, failed -> {
                    log.warn("Stripe event {} could not be processed yet: {}", failed.eventId,
                            failed.getCause().toString());
                    return events.markFailed(failed.eventId, failed.getCause().toString()).thenReturn(true);
                });
    }

    /**
     * {@code ticketpay.webhook.processing{type}}: from the webhook's arrival (or the recovery's listing) to its
     * effects' commit, retries included; types outside {@link #PAYMENT_EVENTS} count as {@code other}.
     */
    private void timeToProcess(StoredEvent event) {
        if (event.receivedAt() == null || meters == null) {
            return;
        }
        String type = PAYMENT_EVENTS.contains(event.type()) ? event.type() : "other";
        timers.computeIfAbsent(type, t -> Timer.builder("ticketpay.webhook.processing").tag("type", t)
                        .description("Time from a Stripe event's receipt to its processing's commit")
                        .register(meters))
                .record(Duration.between(event.receivedAt(), clock.instant()));
    }

    private Mono<Void> handle(StoredEvent event) {
        return switch (event.type()) {
            case "checkout.session.completed" -> sessions.completed(SessionSnapshot.of(event.object()));
            case "checkout.session.async_payment_succeeded" -> sessions.paid(SessionSnapshot.of(event.object()));
            case "checkout.session.async_payment_failed" -> sessions.paymentFailed(SessionSnapshot.of(event.object()));
            case "checkout.session.expired" -> sessions.expired(SessionSnapshot.of(event.object()));
            // PaymentIntents of Checkout Sessions carry no payment_id and are ignored there: their sessions decide
            case "payment_intent.succeeded" -> intents.succeeded(IntentSnapshot.of(event.object()), event.created());
            case "payment_intent.payment_failed" -> intents.failed(IntentSnapshot.of(event.object()), event.created());
            case "payment_intent.processing" -> intents.processing(IntentSnapshot.of(event.object()), event.created());
            case "payment_intent.canceled" -> intents.canceled(IntentSnapshot.of(event.object()), event.created());
            // money already taken, the same for both channels
            case "charge.refunded" -> refunded(event);
            case "charge.dispute.created" -> charges.disputed(DisputeSnapshot.of(event.object()));
            case "charge.dispute.closed" -> charges.disputeClosed(DisputeSnapshot.of(event.object()), event.created());
            // kept in the store for the record; no checkout outcome depends on it
            default -> Mono.empty();
        };
    }

    /** Only a fully refunded charge refunds the payment; the newest refund is the one named. */
    private Mono<Void> refunded(StoredEvent event) {
        var charge = event.object();
        boolean whole = charge.path("refunded").asBoolean(false)
                || charge.path("amount_refunded").asLong(0) >= charge.path("amount").asLong(Long.MAX_VALUE);
        if (!whole || !charge.path("payment_intent").isString()) {
            return Mono.empty();
        }
        String refundId = charge.path("refunds").path("data").path(0).path("id").asString(null);
        return charges.refunded(charge.path("payment_intent").asString(), refundId != null ? refundId
                : charge.path("id").asString(), charge.path("amount_refunded").asLong(),
                charge.path("currency").asString(), event.created()).then();
    }


    private static final class ProcessingFailed extends RuntimeException {

        final String eventId;

        ProcessingFailed(String eventId, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.eventId = eventId;
        }
    }
}
