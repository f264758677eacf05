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

    @Test
    void anEventThatCannotBeProcessedYetDelaysOnlyItselfNotTheOthersOfItsBatch() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // a payment of ours whose PaymentIntent is not recorded yet: its succeeded event fails until it is
        UUID payment = UUID.randomUUID();
        db.sql("""
                with o as (insert into orders (order_id, ticket_id, user_id, amount, currency, expires_at, state)
                           values (:order, :ticket, 'batch-user', 4500, 'jpy', now() + interval '10 minutes',
                                   'awaiting_payment'))
                insert into payments (payment_id, order_id, ticket_id, user_id, amount, currency, status)
                values (:payment, :order, :ticket, 'batch-user', 4500, 'jpy', 'pending')""")
                .bind("order", UUID.randomUUID()).bind("ticket", System.nanoTime()).bind("payment", payment)
                .fetch().rowsUpdated().block();
        String failing = "evt_" + run + "_notyet";
        var others = new ArrayList<String>();
        var ids = new ArrayList<String>();
        var payloads = new ArrayList<String>();
        for (int i = 0; i < StripeEventProcessing.BATCH * 2 + 5; i++) {
            if (i == 3) {
                ids.add(failing);
                payloads.add(succeeded(failing, "pi_" + run + "_notyet", "{\"payment_id\":\"" + payment + "\"}"));
            }
            String id = "evt_" + run + "_" + i;
            others.add(id);
            ids.add(id);
            // PaymentIntents that are not ours (no payment_id): processed by being looked up and ignored
            payloads.add(succeeded(id, "pi_" + run + "_" + i, "{}"));
        }
        // stored at once, in this order, so that the first batch holds the failing event among others
        db.sql("""
                insert into stripe_events (id, type, payload, received_at)
                select id, 'payment_intent.succeeded', payload::jsonb, now() + n * interval '1 microsecond'
                from unnest(:ids::text[], :payloads::text[]) with ordinality as e(id, payload, n)""")
                .bind("ids", ids.toArray(String[]::new)).bind("payloads", payloads.toArray(String[]::new))
                .fetch().rowsUpdated().block();
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
        String run = UUID.randomUUID().toString().substring(0, 8);
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

    /** One instance claims batches, each in its own transaction, until none is due any more. */
    private Flux<String> claimUntilNoneDue(int instance, Set<String> ours, Map<String, List<Integer>> claimedBy) {
        Mono<List<StoredEvent>> batch = Mono.defer(() -> transactions.transactional(
                events.claim(StripeEventProcessing.BATCH).collectList()));
        return batch.expand(claimed -> claimed.isEmpty() ? Mono.empty() : batch)
                .flatMapIterable(claimed -> claimed)
                .map(StoredEvent::id)
                .filter(ours::contains)
                .doOnNext(id -> claimedBy.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(instance));
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
