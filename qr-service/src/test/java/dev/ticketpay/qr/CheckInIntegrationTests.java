package dev.ticketpay.qr;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.qr.issuing.QrClaims;
import dev.ticketpay.qr.issuing.QrSigner;
import dev.ticketpay.support.Recorded;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff check tickets in at the door: a genuine QR payload of a paid ticket admits once, whatever the number of
 * scanners racing for it; forged, refunded or unknown tickets and callers without the staff role are refused.
 */
class CheckInIntegrationTests extends QrServiceIntegration {

    static final String STAFF = "door-1";
    static final Duration ASYNC = Duration.ofSeconds(30);

    @Autowired WebTestClient client;
    @Autowired KafkaTemplate<String, byte[]> kafka;
    @Autowired DatabaseClient db;
    @Autowired QrSigner signer;
    @LocalServerPort int port;

    @BeforeEach
    void patientClient() {
        // the first requests of a cold context on a busy machine can take longer than the 5 s default
        client = client.mutate().responseTimeout(ASYNC).build();
    }

    @Test
    void admitsAPaidTicketOnceAndRefusesTheSecondScanWithTheTimeOfTheFirst() {
        var ticket = issuedTicket("hanako");

        JsonNode admitted = scan(ticket.payload(), staffToken())
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(admitted.get("detail").asString()).isEqualTo("Admitted");
        assertThat(admitted.get("ticket_id").asLong()).isEqualTo(ticket.confirmed().ticketId());
        assertThat(admitted.get("ticket_code").asString()).isEqualTo(ticket.confirmed().ticketCode());
        assertThat(admitted.get("event_id").asLong()).isEqualTo(ticket.confirmed().eventId());
        assertThat(admitted.get("quantity").asInt()).isEqualTo(ticket.confirmed().quantity());
        String checkedInAt = admitted.get("checked_in_at").asString();
        assertThat(Instant.parse(checkedInAt)).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(checkedInBy(ticket)).isEqualTo(STAFF);

        scan(ticket.payload(), staffToken())
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Ticket already checked in")
                .jsonPath("$.ticket_id").isEqualTo(ticket.confirmed().ticketId())
                .jsonPath("$.checked_in_at").isEqualTo(checkedInAt);
    }

    @Test
    void admitsExactlyOneOfTwentyConcurrentScansOfOneTicket() {
        var ticket = issuedTicket("kenji");
        var scanners = WebClient.create("http://localhost:" + port);
        String token = staffToken();

        List<Answer> answers = Flux.range(0, 20)
                .flatMap(i -> scanners.post().uri("/api/check-ins")
                        .headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("qr_payload", ticket.payload()))
                        .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                                .map(body -> new Answer(response.statusCode().value(), body))), 20)
                .collectList()
                .block(ASYNC.multipliedBy(2));

        assertThat(answers).hasSize(20);
        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(19);
        String first = answers.stream().filter(answer -> answer.status() == 200).findFirst().orElseThrow()
                .body().get("checked_in_at").asString();
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .allSatisfy(answer -> assertThat(answer.body().get("checked_in_at").asString()).isEqualTo(first));
    }

    @Test
    void refusesATamperedPayloadAndRecordsNothing() {
        var ticket = issuedTicket("yuki");
        String[] parts = ticket.payload().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String moreSeats = claims.replace("\"q\":" + ticket.confirmed().quantity(), "\"q\":9");
        assertThat(moreSeats).isNotEqualTo(claims);
        String tampered = parts[0] + "." + base64Url(moreSeats.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        scan(tampered, staffToken())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid ticket signature");

        assertThat(checkedInAt(ticket)).isNull();
        scan(ticket.payload(), staffToken()).expectStatus().isOk();
    }

    @Test
    void refusesAPayloadSignedWithAnotherKey() throws Exception {
        var ticket = issuedTicket("ren");
        String forged = signedWithAnotherKey(QrSigner.claims(ticket.payload()));

        scan(forged, staffToken())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid ticket signature");

        assertThat(checkedInAt(ticket)).isNull();
    }

    @Test
    void refusesTextThatIsNoTicketQrCode() {
        scan("https://example.com/not-a-ticket", staffToken())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("not a ticket QR code"));
    }

    @Test
    void checkInByAPlainUserIsForbidden() {
        var ticket = issuedTicket("aiko");

        scan(ticket.payload(), token(ticket.confirmed().userId(), "user"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty();

        assertThat(checkedInAt(ticket)).isNull();
    }

    @Test
    void checkInByAnAdminIsAllowed() {
        var ticket = issuedTicket("daichi");

        scan(ticket.payload(), token("admin-1", "admin"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.detail").isEqualTo("Admitted");
    }

    @Test
    void checkInWhenNoTokenShouldBeUnauthorized() {
        client.post().uri("/api/check-ins")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("qr_payload", "TP1.e30.AAAA"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void refusesARefundedTicketOnceItsRefundArrived() {
        var ticket = issuedTicket("sakura");
        var confirmed = ticket.confirmed();
        kafka.send(record(Topics.PAYMENTS, "ticketpay.payment.refunded.v1", new PaymentRefunded(confirmed.ticketId(),
                confirmed.orderId(), "re_" + UUID.randomUUID(), 1000, "jpy", Instant.now()))).join();

        await().atMost(ASYNC).until(() -> revokedAt(ticket) != null);

        scan(ticket.payload(), staffToken())
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Ticket is no longer valid")
                .jsonPath("$.ticket_id").isEqualTo(confirmed.ticketId());
        assertThat(checkedInAt(ticket)).isNull();
    }

    @Test
    void refusesATicketWhoseRefundWasConsumedBeforeItsQrCodeWasIssued() {
        var confirmed = new TicketConfirmed(newTicketId(), UUID.randomUUID(), UUID.randomUUID().toString(),
                ThreadLocalRandom.current().nextLong(1, 10_000), "mei-" + UUID.randomUUID(), 1, 0, "jpy",
                Instant.now());
        kafka.send(record(Topics.PAYMENTS, "ticketpay.payment.refunded.v1", new PaymentRefunded(confirmed.ticketId(),
                confirmed.orderId(), "re_" + UUID.randomUUID(), 1000, "jpy", Instant.now()))).join();
        await().atMost(ASYNC).until(() -> revokedAt(confirmed.ticketId()) != null);

        kafka.send(record(Topics.TICKETS, "ticketpay.ticket.confirmed.v1", confirmed)).join();
        String payload = await().atMost(ASYNC).until(() -> payloadOf(confirmed.ticketId()), Objects::nonNull);

        scan(payload, staffToken())
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").isEqualTo("Ticket is no longer valid");
    }

    @Test
    void sendsAnUnreadablePaymentsRecordToTheDeadLetterTopicAndGoesOnRevoking() {
        var ticket = issuedTicket("haruto");
        var confirmed = ticket.confirmed();
        String key = Long.toString(confirmed.ticketId());
        byte[] poison = "not a cloud event".getBytes(StandardCharsets.UTF_8);
        // same key, so the same partition: the refund behind the poison is only applied if the listener moves on
        kafka.send(new ProducerRecord<>(Topics.PAYMENTS, key, poison)).join();
        kafka.send(record(Topics.PAYMENTS, "ticketpay.payment.refunded.v1", new PaymentRefunded(confirmed.ticketId(),
                confirmed.orderId(), "re_" + UUID.randomUUID(), 1000, "jpy", Instant.now()))).join();

        try (var deadLetters = new Recorded(infrastructure.kafka().bootstrapServers(),
                Topics.deadLetter(Topics.PAYMENTS))) {
            var dead = await().atMost(ASYNC).until(() -> deadLetters.forKey(confirmed.ticketId()),
                    records -> !records.isEmpty());
            assertThat(dead).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(poison));
        }
        await().atMost(ASYNC).until(() -> revokedAt(ticket) != null);
    }

    @Test
    void genuinelySignedPayloadOfAnUnknownTicketIsNotFound() {
        String payload = signer.sign(new QrClaims(UUID.randomUUID().toString(), newTicketId(), 1, 2,
                Instant.now().getEpochSecond()).toJson());

        scan(payload, staffToken())
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void malformedJsonIsABadRequest() {
        client.post().uri("/api/check-ins")
                .headers(h -> h.setBearerAuth(staffToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"qr_payload\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void missingOrEmptyQrPayloadIsABadRequest() {
        for (String body : List.of("{}", "{\"qr_payload\": \"\"}", "{\"qr_payload\": null}", "null")) {
            client.post().uri("/api/check-ins")
                    .headers(h -> h.setBearerAuth(staffToken()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail").isNotEmpty();
        }
        client.post().uri("/api/check-ins")
                .headers(h -> h.setBearerAuth(staffToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        client.post().uri("/api/check-ins")
                .headers(h -> h.setBearerAuth(staffToken()))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("TP1.e30.AAAA")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    /** A confirmed ticket and the payload of the QR code qr-service issued for it. */
    record IssuedTicket(TicketConfirmed confirmed, String payload) {
    }

    record Answer(int status, JsonNode body) {
    }

    private IssuedTicket issuedTicket(String user) {
        var confirmed = new TicketConfirmed(newTicketId(), UUID.randomUUID(), UUID.randomUUID().toString(),
                ThreadLocalRandom.current().nextLong(1, 10_000), user + "-" + UUID.randomUUID(), 3, 0, "jpy",
                Instant.now());
        kafka.send(record(Topics.TICKETS, "ticketpay.ticket.confirmed.v1", confirmed)).join();
        String payload = await().atMost(ASYNC).until(() -> payloadOf(confirmed.ticketId()), Objects::nonNull);
        return new IssuedTicket(confirmed, payload);
    }

    private WebTestClient.ResponseSpec scan(String payload, String token) {
        return client.post().uri("/api/check-ins")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("qr_payload", payload))
                .exchange();
    }

    private static ProducerRecord<String, byte[]> record(String topic, String type, TicketEvent event) {
        var cloudEvent = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(type)
                .withSource(URI.create("/tests"))
                .withSubject(Long.toString(event.ticketId()))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventJson.write(event))
                .build();
        return KafkaMessageFactory.createWriter(topic, null, null, Long.toString(event.ticketId()))
                .writeBinary(cloudEvent);
    }

    /** The Ed25519 signature of the payload format, but by a key that is not qr-service's. */
    private static String signedWithAnotherKey(String claimsJson) throws Exception {
        String signed = QrSigner.PREFIX + "." + base64Url(claimsJson.getBytes(StandardCharsets.UTF_8));
        var signature = Signature.getInstance("Ed25519");
        signature.initSign(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + base64Url(signature.sign());
    }

    private String payloadOf(long ticketId) {
        return column("payload", ticketId, String.class);
    }

    private OffsetDateTime checkedInAt(IssuedTicket ticket) {
        return column("checked_in_at", ticket.confirmed().ticketId(), OffsetDateTime.class);
    }

    private String checkedInBy(IssuedTicket ticket) {
        return column("checked_in_by", ticket.confirmed().ticketId(), String.class);
    }

    private OffsetDateTime revokedAt(IssuedTicket ticket) {
        return revokedAt(ticket.confirmed().ticketId());
    }

    private OffsetDateTime revokedAt(long ticketId) {
        return db.sql("select revoked_at from qr_revocations where ticket_id = :id").bind("id", ticketId)
                .map(row -> row.get("revoked_at", OffsetDateTime.class)).one().blockOptional(ASYNC).orElse(null);
    }

    /** One column of the ticket's qr_codes row; null when there is no row or the column is null. */
    private <T> T column(String column, long ticketId, Class<T> type) {
        return db.sql("select " + column + " from qr_codes where ticket_id = :id").bind("id", ticketId)
                .map(row -> Optional.ofNullable(row.get(column, type))).one()
                .blockOptional(ASYNC).flatMap(value -> value).orElse(null);
    }

    private static String staffToken() {
        return token(STAFF, "staff");
    }

    private static String token(String subject, String role) {
        return infrastructure.tokens().mint(subject, List.of(role), subject + "@example.com");
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static long newTicketId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }
}
