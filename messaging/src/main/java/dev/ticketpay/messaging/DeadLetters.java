package dev.ticketpay.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ticketpay.contracts.Topics;
import dev.ticketpay.observability.InTrace;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * This service's dead letters: records of {@code <topic>.dlt} that one of its own consumers sent there, kept in
 * the {@code dead_letters} table so operators can count, inspect and replay them. A replay sends the original
 * record again — same key, same CloudEvents headers and id — to its original topic; every consumer's inbox
 * recognises an event it has applied before, so replaying twice changes nothing more than replaying once.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, String>>> HEADERS = new TypeReference<>() {
    };

    /** One dead letter; {@code headers} and {@code payload} are null in listings. */
    public record Letter(long id, String dltTopic, int dltPartition, long dltOffset, String originalTopic,
            String messageKey, String eventId, String eventType, String reason, String error, Instant deadAt,
            Instant replayedAt, int replays, List<Map<String, String>> headers, byte[] payload) {
    }

    private final DatabaseClient db;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String service;

    /**
     * @param service the service's name; its listeners' ids, which are their consumer groups, start with it
     *        ({@code ticket-service.payments})
     */
    DeadLetters(DatabaseClient db, KafkaTemplate<String, byte[]> kafka, String service) {
        this.db = db;
        this.kafka = kafka;
        this.service = service;
    }

    /** The service's consumer groups: its name, and listener ids starting with its name and a dot. */
    public String consumerGroups() {
        return service + ".*";
    }

    /** Keeps a record read from a dead-letter topic if one of our consumers put it there; once per offset. */
    Mono<Void> keep(ConsumerRecord<String, byte[]> record) {
        String group = header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        if (group == null || !(group.equals(service) || group.startsWith(service + "."))) {
            return Mono.empty();
        }
        String originalTopic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        String reason = header(record, PoisonRecord.REASON_HEADER);
        String error = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        var headers = new ArrayList<Map<String, String>>();
        for (Header h : record.headers()) {
            headers.add(encodeHeader(h));
        }
        var spec = db.sql("""
                insert into dead_letters (dlt_topic, dlt_partition, dlt_offset, original_topic, message_key, event_id,
                    event_type, reason, error, headers, payload)
                values (:topic, :partition, :offset, :original, :key, :eventId, :type, :reason, :error, :headers,
                    :payload)
                on conflict do nothing""")
                .bind("topic", record.topic())
                .bind("partition", record.partition())
                .bind("offset", record.offset())
                .bind("original", originalTopic != null ? originalTopic : record.topic().replaceFirst("\\.dlt$", ""))
                .bind("reason", reason != null ? reason : "unknown")
                .bind("headers", Json.of(JSON.writeValueAsString(headers)));
        spec = bindNullable(spec, "key", record.key(), String.class);
        spec = bindNullable(spec, "eventId", header(record, "ce_id"), String.class);
        spec = bindNullable(spec, "type", header(record, "ce_type"), String.class);
        spec = bindNullable(spec, "error", error, String.class);
        spec = bindNullable(spec, "payload", record.value() == null ? null : ByteBuffer.wrap(record.value()),
                ByteBuffer.class);
        return spec.fetch().rowsUpdated()
                .doOnNext(rows -> {
                    if (rows == 1) {
                        log.warn("Dead letter kept: {}-{}@{} ({}, {})", record.topic(), record.partition(),
                                record.offset(), reason, header(record, "ce_type"));
                    }
                })
                .then();
    }

    /** Pending (not replayed) dead letters per dead-letter topic; every topic appears, zeros included. */
    public Mono<Map<String, Long>> pendingByTopic() {
        return db.sql("select dlt_topic, count(*) as n from dead_letters where replayed_at is null group by dlt_topic")
                .map(row -> Map.entry(row.get("dlt_topic", String.class), row.get("n", Long.class)))
                .all()
                .collectList()
                .map(counts -> {
                    var all = new LinkedHashMap<String, Long>();
                    for (String topic : List.of(Topics.TICKETS, Topics.PAYMENTS, Topics.QR_CODES)) {
                        all.put(Topics.deadLetter(topic), 0L);
                    }
                    counts.forEach(entry -> all.put(entry.getKey(), entry.getValue()));
                    return all;
                });
    }

    /** The newest dead letters first, without headers and body; {@code pendingOnly} leaves replayed ones out. */
    public Flux<Letter> list(boolean pendingOnly, String dltTopic, int limit) {
        return db.sql("select * from dead_letters where (:all or replayed_at is null) and (:topic = '' or dlt_topic = "
                        + ":topic) order by id desc limit :limit")
                .bind("all", !pendingOnly)
                .bind("topic", dltTopic == null ? "" : dltTopic)
                .bind("limit", limit)
                .map(row -> letter(row, false))
                .all();
    }

    /** One dead letter with its headers and body; empty if there is none with this id. */
    public Mono<Letter> find(long id) {
        return db.sql("select * from dead_letters where id = :id").bind("id", id).map(row -> letter(row, true)).one();
    }

    /**
     * Sends the dead letter to its original topic again, exactly as it first came (without the dead-letter
     * headers), and records the replay; empty if there is none with this id.
     */
    public Mono<Letter> replay(long id) {
        return find(id).flatMap(letter -> Mono.fromCallable(() -> kafka.send(original(letter)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::fromFuture)
                .then(db.sql("update dead_letters set replayed_at = now(), replays = replays + 1 where id = :id "
                        + "returning *").bind("id", id).map(row -> letter(row, false)).one())
                .handle(InTrace.peek(replayed -> log.info("Dead letter {} ({} {}) replayed to {}", id,
                        letter.eventType(), letter.eventId(), letter.originalTopic()))));
    }

    /** Replays every pending dead letter of {@code dltTopic} (all topics when null), oldest first; emits how many. */
    public Mono<Long> replayPending(String dltTopic) {
        return db.sql("select id from dead_letters where replayed_at is null and (:topic = '' or dlt_topic = :topic) "
                        + "order by id")
                .bind("topic", dltTopic == null ? "" : dltTopic)
                .map(row -> row.get("id", Long.class))
                .all()
                .concatMap(this::replay)
                .count();
    }

    private static ProducerRecord<String, byte[]> original(Letter letter) {
        var headers = new ArrayList<Header>();
        for (var header : letter.headers()) {
            String name = header.get("name");
            if (!name.startsWith("kafka_dlt-") && !name.equals(PoisonRecord.REASON_HEADER)) {
                headers.add(new RecordHeader(name, decodeHeader(header)));
            }
        }
        return new ProducerRecord<>(letter.originalTopic(), null, letter.messageKey(), letter.payload(), headers);
    }

    private static Letter letter(Readable row, boolean whole) {
        List<Map<String, String>> headers = null;
        byte[] payload = null;
        if (whole) {
            headers = JSON.readValue(row.get("headers", Json.class).asString(), HEADERS);
            ByteBuffer body = row.get("payload", ByteBuffer.class);
            if (body != null) {
                payload = new byte[body.remaining()];
                body.get(payload);
            }
        }
        OffsetDateTime replayedAt = row.get("replayed_at", OffsetDateTime.class);
        return new Letter(row.get("id", Long.class), row.get("dlt_topic", String.class),
                row.get("dlt_partition", Integer.class), row.get("dlt_offset", Long.class),
                row.get("original_topic", String.class), row.get("message_key", String.class),
                row.get("event_id", String.class), row.get("event_type", String.class), row.get("reason", String.class),
                row.get("error", String.class), row.get("dead_at", OffsetDateTime.class).toInstant(),
                replayedAt == null ? null : replayedAt.toInstant(), row.get("replays", Integer.class), headers,
                payload);
    }

    /** A header as {@code {name, value}} when its bytes are printable text, {@code {name, base64}} otherwise. */
    private static Map<String, String> encodeHeader(Header header) {
        var encoded = new LinkedHashMap<String, String>();
        encoded.put("name", header.key());
        byte[] value = header.value() == null ? new byte[0] : header.value();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
            if (text.chars().noneMatch(Character::isISOControl)) {
                encoded.put("value", text);
                return encoded;
            }
        }
        catch (CharacterCodingException binary) {
            // kept as base64 below
        }
        encoded.put("base64", Base64.getEncoder().encodeToString(value));
        return encoded;
    }

    private static byte[] decodeHeader(Map<String, String> header) {
        return header.containsKey("base64") ? Base64.getDecoder().decode(header.get("base64"))
                : header.get("value").getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec,
            String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
