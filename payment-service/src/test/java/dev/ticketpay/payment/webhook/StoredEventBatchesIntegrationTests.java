package dev.ticketpay.payment.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ticketpay.payment.SagaIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stored Stripe events are processed in batches, one transaction each: an event that fails takes its batch back, yet
 * only that event waits for another attempt; and batches claimed by several instances at once never share an event.
 */
class StoredEventBatchesIntegrationTests extends SagaIntegrationTest {

    @Autowired DatabaseClient db;
    @Autowired TransactionalOperator transactions;
    @Autowired ReceivedStripeEvents events;
    @Autowired StripeEventProcessing processing;

    /** This test's events' ids start with {@code evt_<run>_}. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anEventThatCannotBeProcessedYetDelaysOnlyItselfNotTheOthersOfItsBatch() {
        // stored at once, in this order, so that the first batch holds the failing event among others
        var batch = storedWithOneFailing(StripeEventProcessing.BATCH * 2 + 6, 3);
        List<String> ids = batch.ids();
        List<String> others = batch.others();
        String failing = batch.failing();
        processing.wake();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Stored> stored = stored(ids);
            assertThat(others).as("the other events, each processed at its first attempt").allSatisfy(id ->
                    assertThat(stored.get(id)).isEqualTo(new Stored(true, 0, null)));
            assertThat(stored.get(failing).processed()).as("the failing event processed").isFalse();
            assertThat(stored.get(failing).attempts()).as("the failing event's failed attempts").isPositive();
            assertThat(stored.get(failing).lastError()).contains("is not recorded yet");
        });
    }

    @Test
    void batchesClaimedByManyInstancesAtOnceNeverShareAnEvent() {
        int count = 200;
        int instances = 6;
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add("evt_" + run + "_race" + i);
        }
        // all due at one moment, so that every instance (and the service's own worker) asks at once
        Instant due = Instant.now().plusMillis(1500);
        db.sql("""
                insert into stripe_events (id, type, payload, next_attempt_at)
                select id, 'payment_intent.succeeded', '{}'::jsonb, :due from unnest(:ids::text[]) as e(id)""")
                .bind("ids", ids.toArray(String[]::new)).bind("due", due).fetch().rowsUpdated().block();

        var claimedBy = new ConcurrentHashMap<String, List<Integer>>();
        Flux.range(0, instances)
                .flatMap(instance -> Mono.delay(untilDue(due)).thenMany(claimUntilNoneDue(instance, Set.copyOf(ids),
                        claimedBy)), instances)
                .blockLast(Duration.ofSeconds(30));

        assertThat(claimedBy.values()).as("instances per claimed event").allSatisfy(
                claimers -> assertThat(claimers).hasSize(1));
        assertThat(claimedBy).as("the racing instances took part").isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(ids).values())
                .as("every event claimed, by the instances or the service's own worker").hasSize(count)
                .allSatisfy(stored -> assertThat(stored.processed()).isTrue()));
    }

    @Test
    void aWebhookThisInstanceStoredIsClaimedByItsIdNotBySweepingTheStore() throws Exception {
        String delivered = "evt_" + run + "_delivered";
        whileStopped(() -> {
            // an older due event that only a sweep can find, as one stored by an instance that stopped
            String elsewhere = storeReceived("elsewhere", "1 minute");
            postSigned(succeeded(delivered, "pi_" + run + "_delivered", "{}")).expectStatus().isOk();

            StepVerifier.create(processing.processNext()).expectNext(true).verifyComplete();

            assertThat(stored(List.of(delivered)).get(delivered).processed()).as("the delivered event").isTrue();
            assertThat(stored(List.of(elsewhere)).get(elsewhere).processed()).as("the older event, not swept")
                    .isFalse();

            sweep();

            assertThat(stored(List.of(elsewhere)).get(elsewhere)).as("the older event, once a sweep was asked for")
                    .isEqualTo(new Stored(true, 0, null));
        });
    }

    @Test
    void aSweepLeavesTheEventsReceivedWithinItsIntervalToTheHandOver() throws Exception {
        whileStopped(() -> {
            String recent = storeReceived("recent", "0 seconds");
            String older = storeReceived("older", "1 minute");

            sweep();

            assertThat(stored(List.of(older, recent))).as("after a sweep").containsEntry(older,
                    new Stored(true, 0, null)).containsEntry(recent, new Stored(false, 0, null));

            processing.stored(recent);
            StepVerifier.create(processing.processNext()).expectNext(true).verifyComplete();

            assertThat(stored(List.of(recent)).get(recent)).as("once handed over").isEqualTo(new Stored(true, 0, null));
        });
    }

    @Test
    void anEventHandedOverThatCannotBeProcessedYetDelaysOnlyItselfNotTheOthersOfItsBatch() throws Exception {
        whileStopped(() -> {
            var batch = storedWithOneFailing(6, 2);
            List<String> ids = batch.ids();
            String failing = batch.failing();
            ids.forEach(processing::stored);

            StepVerifier.create(processing.processNext()).expectNext(true).verifyComplete();

            Map<String, Stored> stored = stored(ids);
            assertThat(batch.others()).as("the others, each at its first attempt")
                    .allSatisfy(id -> assertThat(stored.get(id)).isEqualTo(new Stored(true, 0, null)));
            assertThat(stored.get(failing).processed()).as("the failing event processed").isFalse();
            assertThat(stored.get(failing).attempts()).as("the failing event's failed attempts").isEqualTo(1);
            assertThat(stored.get(failing).lastError()).contains("is not recorded yet");
        });
    }

    /** One instance claims batches, each in its own transaction, until none is due any more. */
    private Flux<String> claimUntilNoneDue(int instance, Set<String> ours, Map<String, List<Integer>> claimedBy) {
        Mono<List<StoredEvent>> batch = Mono.defer(() -> transactions.transactional(
                events.claim(StripeEventProcessing.BATCH, Duration.ZERO).collectList()));
        return batch.expand(claimed -> claimed.isEmpty() ? Mono.empty() : batch)
                .flatMapIterable(claimed -> claimed)
                .map(StoredEvent::id)
                .filter(ours::contains)
                .doOnNext(id -> claimedBy.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(instance));
    }

    /**
     * A payment_intent.succeeded event of this test ({@code name}) for a PaymentIntent that is not ours, stored as
     * received {@code ago}; its id.
     */
    private String storeReceived(String name, String ago) {
        String id = "evt_" + run + "_" + name;
        db.sql("""
                insert into stripe_events (id, type, payload, received_at)
                values (:id, 'payment_intent.succeeded', :payload::jsonb, now() - :ago::interval)""")
                .bind("id", id).bind("payload", succeeded(id, "pi_" + id.substring(4), "{}")).bind("ago", ago)
                .fetch().rowsUpdated().block();
        return id;
    }

    /** The service's worker stopped, so that only the test's own calls process events. */
    private void whileStopped(ThrowingRunnable body) throws Exception {
        processing.stop();
        try {
            body.run();
        }
        finally {
            processing.start();
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** What the worker does when asked to sweep: batches until none is full. */
    private void sweep() {
        processing.wake();
        Flux.defer(processing::processNext).repeat().takeWhile(Boolean::booleanValue)
                .blockLast(Duration.ofSeconds(30));
    }

    /** Events stored at once, and which of them cannot be processed yet. */
    private record Batch(List<String> ids, String failing) {

        List<String> others() {
            return ids.stream().filter(id -> !id.equals(failing)).toList();
        }
    }

    /**
     * {@code count} payment_intent.succeeded events stored at once, received in order; the one at {@code failing} is
     * for a payment of ours whose PaymentIntent is not recorded yet, so it fails until it is, and the others are for
     * PaymentIntents that are not ours (no payment_id), processed by being looked up and ignored.
     */
    private Batch storedWithOneFailing(int count, int failing) {
        UUID payment = awaitingItsIntent();
        var ids = new ArrayList<String>();
        var payloads = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            String id = "evt_" + run + (i == failing ? "_notyet" : "_" + i);
            ids.add(id);
            payloads.add(succeeded(id, "pi_" + id.substring(4), i == failing
                    ? "{\"payment_id\":\"" + payment + "\"}" : "{}"));
        }
        store(ids, payloads);
        return new Batch(ids, ids.get(failing));
    }

    /** A payment of ours whose PaymentIntent is not recorded yet: its succeeded event fails until it is. */
    private UUID awaitingItsIntent() {
        UUID payment = UUID.randomUUID();
        db.sql("""
                with o as (insert into orders (order_id, ticket_id, user_id, amount, currency, expires_at, state)
                           values (:order, :ticket, 'batch-user', 4500, 'jpy', now() + interval '10 minutes',
                                   'awaiting_payment'))
                insert into payments (payment_id, order_id, ticket_id, user_id, amount, currency, status)
                values (:payment, :order, :ticket, 'batch-user', 4500, 'jpy', 'pending')""")
                .bind("order", UUID.randomUUID()).bind("ticket", System.nanoTime()).bind("payment", payment)
                .fetch().rowsUpdated().block();
        return payment;
    }

    /** Stored at once, received in this order. */
    private void store(List<String> ids, List<String> payloads) {
        db.sql("""
                insert into stripe_events (id, type, payload, received_at)
                select id, 'payment_intent.succeeded', payload::jsonb, now() + n * interval '1 microsecond'
                from unnest(:ids::text[], :payloads::text[]) with ordinality as e(id, payload, n)""")
                .bind("ids", ids.toArray(String[]::new)).bind("payloads", payloads.toArray(String[]::new))
                .fetch().rowsUpdated().block();
    }

    private static Duration untilDue(Instant due) {
        Duration left = Duration.between(Instant.now(), due).plusMillis(5);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private record Stored(boolean processed, int attempts, String lastError) {
    }

    private Map<String, Stored> stored(List<String> ids) {
        return db.sql("select id, processed_at is not null as processed, attempts, last_error from stripe_events "
                        + "where id = any(:ids)")
                .bind("ids", ids.toArray(String[]::new))
                .map(row -> Map.entry(row.get("id", String.class), new Stored(row.get("processed", Boolean.class),
                        row.get("attempts", Integer.class), row.get("last_error", String.class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    private static String succeeded(String eventId, String intentId, String metadata) {
        return """
                {"id":"%s","object":"event","created":%d,"type":"payment_intent.succeeded","data":{"object":\
                {"id":"%s","object":"payment_intent","amount":4500,"amount_received":4500,"currency":"jpy",\
                "metadata":%s,"status":"succeeded"}}}""".formatted(eventId, Instant.now().getEpochSecond(), intentId,
                metadata);
    }
}
