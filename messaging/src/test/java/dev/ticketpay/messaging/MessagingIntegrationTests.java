package dev.ticketpay.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.support.Recorded;
import dev.ticketpay.support.TcpForwarder;
import dev.ticketpay.support.TicketEventRecords;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MessagingIntegrationTests extends MessagingIntegration {

    @Autowired DatabaseClient db;
    @Autowired KafkaTemplate<String, byte[]> kafka;
    @Autowired MessagingTestApplication.Effects effects;
    @Autowired DeadLetters deadLetters;
    @Autowired MessagingStatus status;
    @Autowired Retention retention;

    @Test
    void publishesACommittedEventWithCloudEventsHeaders() {
        long ticket = newTicketId();
        transactions.transactional(outbox.append(cancelled(ticket))).block();

        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
            var record = await().until(() -> recorded.forKey(ticket), list -> !list.isEmpty()).getFirst();
            assertThat(Recorded.header(record, "ce_type")).isEqualTo("ticketpay.ticket.cancelled.v1");
            assertThat(Recorded.header(record, "ce_source")).isEqualTo("/messaging-tests");
            assertThat(Recorded.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(UUID.fromString(Recorded.header(record, "ce_id"))).isNotNull();
            assertThat(Recorded.header(record, "ce_time")).isNotBlank();
            assertThat(EventJson.read(record.value(), TicketCancelled.class)).isEqualTo(cancelled(ticket));
        }
        await().until(() -> unpublishedRows() == 0);
    }

    @Test
    void neverPublishesAnEventWhoseTransactionRolledBack() {
        long ticket = newTicketId();
        var failing = outbox.append(cancelled(ticket))
                .then(Mono.error(new IllegalStateException("the state change failed")));
        StepVerifier.create(transactions.transactional(failing)).expectError(IllegalStateException.class).verify();
        var later = new TicketCancelled(ticket, UUID.randomUUID(), "bob", Instant.parse("2026-01-02T00:00:00Z"));
        transactions.transactional(outbox.append(later)).block();

        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
            // same key, same partition: once the later event is there, the rolled-back one would be too
            var records = await().until(() -> recorded.forKey(ticket), list -> !list.isEmpty());
            assertThat(records).hasSize(1);
            assertThat(EventJson.read(records.getFirst().value(), TicketCancelled.class)).isEqualTo(later);
        }
    }

    @Test
    void keepsTheOrderOfOneTicketsEvents() {
        long ticket = newTicketId();
        var written = IntStream.range(0, 30).mapToObj(i -> new TicketCancelled(ticket, UUID.randomUUID(), "u" + i,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))).toList();
        Flux.fromIterable(written).concatMap(event -> transactions.transactional(outbox.append(event))).blockLast();

        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
            var records = await().until(() -> recorded.forKey(ticket), list -> list.size() >= written.size());
            assertThat(records).extracting(r -> EventJson.read(r.value(), TicketCancelled.class))
                    .containsExactlyElementsOf(written);
        }
    }

    @Test
    void appliesTheSameRecordDeliveredTwiceOnce() {
        long ticket = newTicketId();
        var record = cloudEventRecord(ticket, UUID.randomUUID().toString());
        kafka.send(record).join();
        kafka.send(record).join();

        await().until(() -> effects.deliveries(ticket) == 2);
        assertThat(effectCount(ticket)).isEqualTo(1);
    }

    @Test
    void skipsAnEventTheListenerDoesNotHandleWithoutATransactionOrAnInboxRow() {
        long ticket = newTicketId();
        var ignored = new TicketExpired(ticket, UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"));
        var handled = cancelled(ticket);
        transactions.transactional(outbox.append(ignored).then(outbox.append(handled))).block();

        // same key, same partition: the ignored record came first
        await().until(() -> effectCount(ticket) == 1);
        assertThat(effects.deliveries(ticket)).isEqualTo(2);
        assertThat(inboxRows(ignored.getClass())).isZero();
        assertThat(deadLetterCount(ticket)).isZero();
    }

    @Test
    void retriesAFailingEffectAndAppliesItOnce() {
        long ticket = newTicketId();
        effects.failuresToCome.put(ticket, new java.util.concurrent.atomic.AtomicInteger(2));
        kafka.send(cloudEventRecord(ticket, UUID.randomUUID().toString())).join();

        await().until(() -> effectCount(ticket) == 1);
        assertThat(effects.deliveries(ticket)).isEqualTo(3);
    }

    @Test
    void retriesATransientFailureForAsLongAsItLastsAndNeverDeadLettersIt() {
        long ticket = newTicketId();
        // 50 ms doubling up to 400 ms: about 3 s of failures, far past the old four-attempt budget
        effects.failuresToCome.put(ticket, new java.util.concurrent.atomic.AtomicInteger(10));
        kafka.send(cloudEventRecord(ticket, UUID.randomUUID().toString())).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> effectCount(ticket) == 1);
        assertThat(effects.deliveries(ticket)).isEqualTo(11);
        try (var dead = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.deadLetter(Topics.TICKETS))) {
            assertThat(dead.forKey(ticket)).isEmpty();
        }
    }

    @Test
    void pausesOnlyTheFailingPartitionAndKeepsTheOrderBehindTheFailure() {
        long failing = newTicketId();
        long behind = ticketOnPartition(partitionOf(failing), failing);
        long elsewhere = ticketOnPartition((partitionOf(failing) + 1) % 3, failing);
        effects.alwaysFailing.add(failing);
        kafka.send(cloudEventRecord(failing, UUID.randomUUID().toString())).join();
        kafka.send(cloudEventRecord(behind, UUID.randomUUID().toString())).join();
        kafka.send(cloudEventRecord(elsewhere, UUID.randomUUID().toString())).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> effectCount(elsewhere) == 1);
        await().until(() -> effects.deliveries(failing) >= 8);
        assertThat(effectCount(behind)).as("the record behind the failing one waits for it").isZero();

        effects.alwaysFailing.remove(failing);
        await().atMost(Duration.ofSeconds(30)).until(() -> effectCount(behind) == 1);
        assertThat(effectCount(failing)).isEqualTo(1);
        assertThat(deadLetterCount(failing)).isZero();
    }

    @Test
    void sendsAnEventOfUnknownTypeToTheDeadLetterTopicAtOnceWithItsReason() {
        long ticket = newTicketId();
        var event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withType("ticketpay.ticket.teleported.v1").withSource(java.net.URI.create("/test"))
                .withDataContentType("application/json").withData("{}".getBytes()).build();
        kafka.send(KafkaMessageFactory.createWriter(Topics.TICKETS, null, null, Long.toString(ticket))
                .writeBinary(event)).join();

        try (var dead = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.deadLetter(Topics.TICKETS))) {
            var records = await().until(() -> dead.forKey(ticket), list -> !list.isEmpty());
            assertThat(Recorded.header(records.getFirst(), PoisonRecord.REASON_HEADER)).isEqualTo("unknown_type");
        }
        assertThat(effects.deliveries(ticket)).isEqualTo(1);
        var letter = await().until(() -> deadLettersOf(ticket), list -> !list.isEmpty()).getFirst();
        assertThat(letter.reason()).isEqualTo("unknown_type");
        assertThat(letter.eventType()).isEqualTo("ticketpay.ticket.teleported.v1");
        assertThat(letter.originalTopic()).isEqualTo(Topics.TICKETS);
    }

    @Test
    void replaysADeadLetterToItsTopicAndAppliesItOnceHoweverOftenItIsReplayed() {
        long ticket = newTicketId();
        // a letter as an earlier version (which gave up after four attempts) left it for our consumer group
        var original = cloudEventRecord(ticket, UUID.randomUUID().toString());
        var letter = new ProducerRecord<>(Topics.deadLetter(Topics.TICKETS), null, original.key(), original.value(),
                original.headers());
        letter.headers().add("kafka_dlt-original-topic", Topics.TICKETS.getBytes());
        letter.headers().add("kafka_dlt-original-consumer-group", "messaging-tests".getBytes());
        letter.headers().add("kafka_dlt-exception-message", "database unreachable".getBytes());
        kafka.send(letter).join();
        var othersLetter = new ProducerRecord<>(Topics.deadLetter(Topics.TICKETS), null, original.key(),
                original.value(), new org.apache.kafka.common.header.internals.RecordHeaders()
                        .add("kafka_dlt-original-consumer-group", "another-service".getBytes()));
        kafka.send(othersLetter).join();

        var kept = await().until(() -> deadLettersOf(ticket), list -> !list.isEmpty());
        assertThat(kept).as("only our own consumers' letters are kept").hasSize(1);
        long id = kept.getFirst().id();
        assertThat(deadLetters.pendingByTopic().block()).containsKey(Topics.deadLetter(Topics.TICKETS));

        assertThat(deadLetters.replay(id).block().replays()).isEqualTo(1);
        await().until(() -> effectCount(ticket) == 1);
        assertThat(deadLetters.replay(id).block().replays()).isEqualTo(2);
        await().until(() -> effects.deliveries(ticket) == 2);
        assertThat(effectCount(ticket)).isEqualTo(1);
        assertThat(deadLetters.list(true, null, 500).filter(l -> l.id() == id).collectList().block()).isEmpty();
        var whole = deadLetters.find(id).block();
        assertThat(whole.payload()).isEqualTo(original.value());
    }

    @Test
    void parksAnOutboxRowKafkaRefusesForGoodAndPublishesTheRowsBehindIt() {
        long ticket = newTicketId();
        String huge = "{\"filler\":\"" + "x".repeat(2_000_000) + "\"}";
        db.sql("""
                insert into outbox (event_id, topic, message_key, event_type, payload)
                values (:id, :topic, :key, 'ticketpay.ticket.cancelled.v1', cast(:payload as jsonb))""")
                .bind("id", UUID.randomUUID()).bind("topic", Topics.TICKETS).bind("key", Long.toString(ticket))
                .bind("payload", huge).then().block();
        var after = new TicketCancelled(ticket, UUID.randomUUID(), "after", Instant.parse("2026-01-03T00:00:00Z"));
        transactions.transactional(outbox.append(after)).block();
        try {
            try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
                var records = await().until(() -> recorded.forKey(ticket), list -> !list.isEmpty());
                assertThat(EventJson.read(records.getFirst().value(), TicketCancelled.class)).isEqualTo(after);
            }
            String error = db.sql("select last_error from outbox where parked_at is not null and message_key = :key")
                    .bind("key", Long.toString(ticket)).map(row -> row.get("last_error", String.class)).one().block();
            assertThat(error).contains("RecordTooLarge");
            assertThat(status.read().block().parked()).isPositive();
        }
        finally {
            db.sql("delete from outbox where parked_at is not null").then().block();
        }
    }

    @Test
    void prunesBookkeepingPastItsRetentionAndKeepsWhatIsStillNeeded() {
        UUID oldPublished = UUID.randomUUID();
        UUID oldUnpublished = UUID.randomUUID();
        UUID recentPublished = UUID.randomUUID();
        UUID oldInbox = UUID.randomUUID();
        UUID recentInbox = UUID.randomUUID();
        insertOutboxRow(oldPublished, "now() - interval '8 days'", "now() - interval '8 days'");
        insertOutboxRow(recentPublished, "now() - interval '1 hour'", "now() - interval '1 hour'");
        try {
            insertOutboxRow(oldUnpublished, "now() - interval '8 days'", "null");
            db.sql("insert into inbox (consumer, event_id, event_type, processed_at) values "
                    + "('pruning', :old, 't', now() - interval '31 days'), ('pruning', :recent, 't', now())")
                    .bind("old", oldInbox).bind("recent", recentInbox).then().block();

            assertThat(retention.prune().block()).isGreaterThanOrEqualTo(2);

            assertThat(outboxRowExists(oldPublished)).isFalse();
            assertThat(outboxRowExists(recentPublished)).isTrue();
            assertThat(outboxRowExists(oldUnpublished)).as("unpublished rows are never pruned").isTrue();
            assertThat(db.sql("select event_id from inbox where consumer = 'pruning'")
                    .map(row -> row.get("event_id", UUID.class)).all().collectList().block())
                    .containsExactly(recentInbox);
        }
        finally {
            db.sql("update outbox set published_at = now() where event_id = :id").bind("id", oldUnpublished)
                    .then().block();
        }
    }

    @Test
    void publishesRowsWrittenWhileKafkaWasUnreachableOnceItIsBack() throws Exception {
        try (var kafkaLink = TcpForwarder.closed("localhost", infrastructure.kafka().port());
                var outage = secondInstance("localhost:" + kafkaLink.port(), "messaging_outage")) {
            var ticketIds = LongStream.range(0, 5).map(i -> newTicketId()).boxed().toList();
            var outboxOfOutage = outage.getBean(Outbox.class);
            var txOfOutage = outage.getBean(TransactionalOperator.class);
            Flux.fromIterable(ticketIds)
                    .concatMap(id -> txOfOutage.transactional(outboxOfOutage.append(cancelled(id))))
                    .blockLast();
            var dbOfOutage = outage.getBean(DatabaseClient.class);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(unpublishedRows(dbOfOutage)).isEqualTo(5));

            kafkaLink.open();
            try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> unpublishedRows(dbOfOutage) == 0);
                for (long id : ticketIds) {
                    await().until(() -> recorded.forKey(id), list -> list.size() == 1);
                }
            }
        }
    }

    @Test
    void twoRelaysOnOneDatabasePublishEveryRowOnceAndInOrder() {
        try (var second = secondInstance(infrastructure.kafka().bootstrapServers(), "messaging")) {
            var outboxes = List.of(outbox, second.getBean(Outbox.class));
            var txs = List.of(transactions, second.getBean(TransactionalOperator.class));
            var tickets = LongStream.range(0, 4).map(i -> newTicketId()).boxed().toList();
            // 4 tickets x 25 events through both instances at once; one ticket's events one after another,
            // as the services write them (each change of a ticket locks its row)
            Flux.fromIterable(tickets)
                    .flatMap(ticket -> Flux.range(0, 25).concatMap(i -> txs.get(i % 2).transactional(
                            outboxes.get(i % 2).append(new TicketCancelled(ticket, UUID.randomUUID(), "seq-" + i,
                                    Instant.EPOCH.plusSeconds(i))))))
                    .blockLast();

            try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
                for (long ticket : tickets) {
                    var records = await().until(() -> recorded.forKey(ticket), list -> list.size() >= 25);
                    await().during(Duration.ofMillis(500)).until(() -> recorded.forKey(ticket).size() == 25);
                    var ids = records.stream().map(r -> Recorded.header(r, "ce_id")).distinct().count();
                    assertThat(ids).isEqualTo(25);
                    var published = records.stream().map(r -> EventJson.read(r.value(), TicketCancelled.class)
                            .cancelledAt()).toList();
                    assertThat(published).isSortedAccordingTo(Instant::compareTo);
                }
            }
        }
    }

    private ConfigurableApplicationContext secondInstance(String bootstrapServers, String database) {
        var db = infrastructure.postgres().database(database);
        // command-line arguments: they outrank the test's dynamic properties, which this context would see too
        return new SpringApplicationBuilder(MessagingTestApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.listener.auto-startup=false",
                "--spring.kafka.admin.operation-timeout=2s",
                "--spring.kafka.admin.close-timeout=1s",
                "--spring.r2dbc.url=" + db.r2dbcUrl(),
                "--spring.r2dbc.username=" + db.username(),
                "--spring.r2dbc.password=" + db.password(),
                "--spring.flyway.url=" + db.jdbcUrl(),
                "--spring.flyway.user=" + db.username(),
                "--spring.flyway.password=" + db.password(),
                "--spring.main.web-application-type=none");
    }

    private ProducerRecord<String, byte[]> cloudEventRecord(long ticket, String id) {
        return TicketEventRecords.of(cancelled(ticket), "/test", id);
    }

    private static TicketCancelled cancelled(long ticket) {
        return new TicketCancelled(ticket, new UUID(0, ticket), "alice", Instant.parse("2026-01-01T00:00:00Z"));
    }

    private void insertOutboxRow(UUID eventId, String createdAt, String publishedAt) {
        db.sql("insert into outbox (event_id, topic, message_key, event_type, payload, created_at, published_at) "
                + "values (:id, 'tickets.v1', '0', 'ticketpay.ticket.cancelled.v1', '{}'::jsonb, " + createdAt + ", "
                + publishedAt + ")").bind("id", eventId).then().block();
    }

    private boolean outboxRowExists(UUID eventId) {
        return db.sql("select count(*) as n from outbox where event_id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block() == 1;
    }

    private List<DeadLetters.Letter> deadLettersOf(long ticket) {
        return deadLetters.list(false, null, 500).filter(letter -> Long.toString(ticket).equals(letter.messageKey()))
                .collectList().block();
    }

    private long deadLetterCount(long ticket) {
        return deadLettersOf(ticket).size();
    }

    private static int partitionOf(long ticket) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(Long.toString(ticket).getBytes())) % 3;
    }

    /** Another ticket id whose records land on {@code partition}. */
    private static long ticketOnPartition(int partition, long other) {
        long candidate;
        do {
            candidate = newTicketId();
        }
        while (candidate == other || partitionOf(candidate) != partition);
        return candidate;
    }

    private long effectCount(long ticket) {
        return db.sql("select count(*) as n from effects where ticket_id = :ticket").bind("ticket", ticket)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long inboxRows(Class<? extends TicketEvent> type) {
        return db.sql("select count(*) as n from inbox where event_type = :type")
                .bind("type", EventCatalog.of(type).type()).map(row -> row.get("n", Long.class)).one().block();
    }

    private long unpublishedRows() {
        return unpublishedRows(db);
    }

    private static long unpublishedRows(DatabaseClient db) {
        return db.sql("select count(*) as n from outbox where published_at is null")
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static long newTicketId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

}
