package dev.ticketpay.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.observability.InTrace;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The idempotent consumer. A record's CloudEvents id is written to the {@code inbox} table in the same
 * transaction as the record's effect, so an event delivered twice (redelivery after a crash, a relay that
 * published twice, two consumers during a rebalance) changes state once.
 *
 * <p>A record the listener acts on is processed inside a consumer observation ({@code ticketpay.events.consumed},
 * span {@code <topic> process}) that continues the trace of the record's {@code traceparent} header: its span is
 * current on the listener thread (log lines carry its ids) and in the effect's reactive chain, so the effect's
 * outbox rows, HTTP calls and Stripe calls belong to the same trace. Records of types the listener skips get none.
 */
public final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    /** The CloudEvents binary-mode header of the type (Kafka protocol binding). */
    private static final String TYPE_HEADER = "ce_type";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final String consumer;
    private final Duration timeout;
    private final ObservationRegistry observations;

    Inbox(DatabaseClient db, TransactionalOperator transactions, String consumer, Duration timeout,
            ObservationRegistry observations) {
        this.db = db;
        this.observations = observations;
        this.transactions = transactions;
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * One event read from a record, ready for {@link #apply}; {@code observation} is the consumer observation it is
     * handled in ({@link #handle}), or null.
     */
    public record Delivery(UUID eventId, String type, TicketEvent event, Observation observation) {

        public Delivery(UUID eventId, String type, TicketEvent event) {
            this(eventId, type, event, null);
        }

        /** {@code work} running in this delivery's observation: what it writes and calls joins the event's trace. */
        public <T> Mono<T> traced(Mono<T> work) {
            return observation == null ? work
                    : work.contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
        }

        Delivery within(Observation observation) {
            return new Delivery(eventId, type, event, observation);
        }
    }

    /**
     * A receiver without effects yet, for a listener to add one per type of event it acts on ({@link Receiver#on});
     * built once, in the listener's constructor.
     */
    public Receiver receiver() {
        return new Receiver(this, Map.of());
    }

    /** {@link Receiver#receive} for a listener that acts on one type of event. */
    public <T extends TicketEvent> void receive(ConsumerRecord<String, byte[]> record, Class<T> handled,
            Function<? super T, Mono<Void>> effect) {
        receiver().on(handled, effect).receive(record);
    }

    /**
     * What a listener does to each type of event it acts on, one effect per type, applied through this inbox. The
     * types it handles are the types it has an effect for, so the two cannot disagree. Immutable.
     */
    public static final class Receiver {

        private final Inbox inbox;
        private final Map<Class<? extends TicketEvent>, Function<TicketEvent, Mono<Void>>> effects;

        private Receiver(Inbox inbox, Map<Class<? extends TicketEvent>, Function<TicketEvent, Mono<Void>>> effects) {
            this.inbox = inbox;
            this.effects = effects;
        }

        /** This receiver with {@code effect} for events of {@code type}, which must not have one yet. */
        public <T extends TicketEvent> Receiver on(Class<T> type, Function<? super T, Mono<Void>> effect) {
            if (effects.containsKey(type)) {
                throw new IllegalArgumentException(type.getSimpleName() + " has an effect already");
            }
            var more = new LinkedHashMap<>(effects);
            more.put(type, event -> effect.apply(type.cast(event)));
            return new Receiver(inbox, Collections.unmodifiableMap(more));
        }

        /**
         * Applies the effect of the record's event unless this service has applied it before. Called from a
         * {@code @KafkaListener} method; it waits for the effect on the listener's own thread (never an event-loop
         * thread) so the container keeps the partition's order and its error handler can retry the record and
         * keep retrying it while the failure lasts (a database outage, say).
         *
         * <p>A record of a type the catalog knows but this receiver has no effect for is skipped after one look at
         * its {@code ce_type} header: no body parsed, no transaction, no inbox row (there is no effect to
         * de-duplicate). Every service reads whole topics, so most records it sees are of this kind.
         *
         * @throws PoisonRecord when the record is no CloudEvent, its type is unknown to this build or its body does
         *         not match its type; such a record is never retried, it goes straight to {@code <topic>.dlt}
         */
        public void receive(ConsumerRecord<String, byte[]> record) {
            inbox.handle(record, effects.keySet(),
                    delivery -> inbox.apply(delivery, event -> effects.get(event.getClass()).apply(event)));
        }
    }

    /**
     * For a listener with work outside the transaction (a Stripe call) before {@link #apply}: {@code work} gets the
     * record's event when it is of a {@code handled} type, and runs inside the consumer observation continuing the
     * record's trace (wrap reactive work in {@link Delivery#traced}; {@link #apply} does it itself).
     *
     * @throws PoisonRecord as {@link Receiver#receive}
     */
    public void handle(ConsumerRecord<String, byte[]> record, Set<Class<? extends TicketEvent>> handled,
            Consumer<Delivery> work) {
        handle(record, handled, event -> true, work);
    }

    /**
     * As {@link #handle(ConsumerRecord, Set, Consumer)}, for a listener that acts only on some events of a handled
     * type: an event {@code concerned} rejects is skipped once its body is read, with no transaction, no inbox row
     * and no consumer observation, as an event of a type the listener ignores is.
     *
     * @throws PoisonRecord as {@link Receiver#receive}
     */
    public void handle(ConsumerRecord<String, byte[]> record, Set<Class<? extends TicketEvent>> handled,
            Predicate<? super TicketEvent> concerned, Consumer<Delivery> work) {
        read(record, handled).filter(delivery -> concerned.test(delivery.event())).ifPresent(delivery -> {
            var observation = consumerObservation(record, delivery);
            observation.observe(() -> {
                log.debug("Processing {} {} from {}", delivery.type(), delivery.eventId(), record.topic());
                work.accept(delivery.within(observation));
            });
        });
    }

    private Observation consumerObservation(ConsumerRecord<String, byte[]> record, Delivery delivery) {
        var context = new ReceiverContext<Headers>((headers, key) -> {
            Header header = headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }, Kind.CONSUMER);
        context.setCarrier(record.headers());
        context.setRemoteServiceName("kafka");
        return Observation.createNotStarted("ticketpay.events.consumed", () -> context, observations)
                .contextualName(record.topic() + " process")
                .lowCardinalityKeyValue("topic", record.topic())
                .lowCardinalityKeyValue("type", delivery.type())
                .highCardinalityKeyValue("messaging.message.id", delivery.eventId().toString());
    }

    /**
     * The record's event when it is of a {@code handled} type; empty when the type is one the listener ignores,
     * which a known type's {@code ce_type} header tells before the body is read.
     *
     * @throws PoisonRecord as {@link Receiver#receive}
     */
    private Optional<Delivery> read(ConsumerRecord<String, byte[]> record, Set<Class<? extends TicketEvent>> handled) {
        Header typeHeader = record.headers().lastHeader(TYPE_HEADER);
        if (typeHeader != null) {
            var known = EventCatalog.byType(new String(typeHeader.value(), StandardCharsets.UTF_8));
            if (known.isPresent() && !handled.contains(known.get().javaType())) {
                return Optional.empty();
            }
        }
        CloudEvent cloudEvent;
        try {
            cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
        }
        catch (RuntimeException e) {
            throw new PoisonRecord(PoisonRecord.Reason.UNREADABLE, "record " + record.topic() + "/"
                    + record.partition() + "@" + record.offset() + " carries no CloudEvent headers", e);
        }
        var entry = EventCatalog.byType(cloudEvent.getType()).orElseThrow(() -> new PoisonRecord(
                PoisonRecord.Reason.UNKNOWN_TYPE, "event " + cloudEvent.getId() + " has the type "
                        + cloudEvent.getType() + ", which this version does not know", null));
        if (!handled.contains(entry.javaType())) {
            return Optional.empty();
        }
        return Optional.of(new Delivery(eventId(cloudEvent), entry.type(), read(cloudEvent, entry.javaType())));
    }

    /** The second half of {@link Receiver#receive}: the effect and its inbox row in one transaction, once per event. */
    public void apply(Delivery delivery, Function<TicketEvent, Mono<Void>> effect) {
        delivery.traced(transactions.transactional(firstDelivery(delivery.eventId(), delivery.type())
                .flatMap(first -> first ? effect.apply(delivery.event()).thenReturn(true) : Mono.just(false)))
                .flatMap(applied -> applied ? Mono.<Void>empty() : InTrace.run(() -> log.debug(
                        "Event {} was applied before; ignoring the redelivery", delivery.eventId()))))
                .block(timeout);
    }

    private Mono<Boolean> firstDelivery(UUID eventId, String type) {
        return db.sql("""
                insert into inbox (consumer, event_id, event_type) values (:consumer, :eventId, :type)
                on conflict do nothing""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .bind("type", type)
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static TicketEvent read(CloudEvent cloudEvent, Class<? extends TicketEvent> type) {
        try {
            return EventJson.read(cloudEvent.getData().toBytes(), type);
        }
        catch (RuntimeException e) {
            throw new PoisonRecord(PoisonRecord.Reason.SCHEMA_MISMATCH, "event " + cloudEvent.getId() + " of type "
                    + cloudEvent.getType() + " has a body that does not match its schema", e);
        }
    }

    private static UUID eventId(CloudEvent cloudEvent) {
        try {
            return UUID.fromString(cloudEvent.getId());
        }
        catch (IllegalArgumentException e) {
            // ids of other producers need not be UUIDs: derive a stable one so de-duplication still holds
            return UUID.nameUUIDFromBytes((cloudEvent.getSource() + "|" + cloudEvent.getId()).getBytes());
        }
    }
}
