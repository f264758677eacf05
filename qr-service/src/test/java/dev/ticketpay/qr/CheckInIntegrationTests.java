package dev.ticketpay.qr;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.qr.issuing.QrClaims;
import dev.ticketpay.qr.issuing.QrSigner;
import dev.ticketpay.support.DevTokenIssuer;
import dev.ticketpay.support.Recorded;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff check tickets in at the door of an event: a genuine QR payload of a paid ticket for that event admits once,
 * whatever the number of scanners racing for it; tickets for another event, forged, refunded or unknown tickets,
 * callers without the staff role and staff whose token lists other events are refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckInIntegrationTests extends QrServiceIntegration {

    static final String STAFF = "door-1";

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

        JsonNode admitted = scan(ticket, staffToken())
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

        scan(ticket, staffToken())
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Ticket already checked in")
                .jsonPath("$.ticket_id").isEqualTo(ticket.confirmed().ticketId())
                .jsonPath("$.checked_in_at").isEqualTo(checkedInAt);
    }

    /**
     * The service runs without Reactor's automatic context propagation; the check-in line, written on the database
     * driver's thread, restores the request's trace itself ({@code InTrace}).
     */
    @Test
    void theCheckInLineNamesTheScannersTrace(CapturedOutput output) {
        var ticket = issuedTicket("jiro");
        String trace = UUID.randomUUID().toString().replace("-", "");

        client.post().uri("/api/check-ins")
                .headers(h -> h.setBearerAuth(staffToken()))
                .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("qr_payload", ticket.payload(), "event_id", ticket.eventId()))
                .exchange()
                .expectStatus().isOk();

        assertThat(output.getOut().lines().filter(line -> line.contains(
                        "Ticket " + ticket.confirmed().ticketId() + " checked in at event")))
                .singleElement().asString().contains(trace);
    }

    @Test
    void admitsExactlyOneOfTwentyConcurrentScansOfOneTicketAndNoneAtAnotherEvent() {
        var ticket = issuedTicket("kenji");
        var scanners = WebClient.create("http://localhost:" + port);
        String token = staffToken();
        long otherEvent = ticket.eventId() + 1;

        // every other scanner stands at another event's door, racing the ones at the ticket's own
        List<Answer> answers = Flux.range(0, 40)
                .flatMap(i -> scanners.post().uri("/api/check-ins")
                        .headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("qr_payload", ticket.payload(),
                                "event_id", i % 2 == 0 ? ticket.eventId() : otherEvent))
                        .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                                .map(body -> new Answer(response.statusCode().value(), body))), 40)
                .collectList()
                .block(ASYNC.multipliedBy(2));

        assertThat(answers).hasSize(40);
        assertThat(answers).filteredOn(answer -> answer.status() == 200).singleElement()
                .satisfies(answer -> assertThat(answer.body().get("event_id").asLong()).isEqualTo(ticket.eventId()));
        var used = answers.stream().filter(answer -> answer.status() == 409
                && answer.body().get("detail").asString().equals("Ticket already checked in")).toList();
        var elsewhere = answers.stream().filter(answer -> answer.status() == 409
                && answer.body().get("detail").asString().startsWith("Ticket is for event")).toList();
        assertThat(used).hasSize(19);
        assertThat(elsewhere).hasSize(20);
        String first = answers.stream().filter(answer -> answer.status() == 200).findFirst().orElseThrow()
                .body().get("checked_in_at").asString();
        assertThat(used).allSatisfy(answer -> assertThat(answer.body().get("checked_in_at").asString())
                .isEqualTo(first));
    }

    @Test
    void refusesATicketForAnotherEventWithoutUsingItAndAdmitsItAtItsOwnAfterwards() {
        var ticket = issuedTicket("sora");
        long otherEvent = ticket.eventId() + 1;

        scan(ticket.payload(), otherEvent, staffToken())
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Ticket is for event " + ticket.eventId() + ", not this event ("
                        + otherEvent + ")")
                .jsonPath("$.ticket_id").isEqualTo(ticket.confirmed().ticketId())
                .jsonPath("$.event_id").isEqualTo(ticket.eventId());
        assertThat(checkedInAt(ticket)).isNull();

        scan(ticket, staffToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.detail").isEqualTo("Admitted");
    }

    @Test
    void aUsedTicketScannedAtAnotherEventIsToldItIsForAnotherEvent() {
        var ticket = issuedTicket("nao");
        scan(ticket, staffToken()).expectStatus().isOk();

        scan(ticket.payload(), ticket.eventId() + 1, staffToken())
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).startsWith("Ticket is for event " + ticket.eventId()));
    }

    @Test
    void staffWhoseTokenListsOtherEventsMayNotAdmitAndRecordNothing() {
        var ticket = issuedTicket("riku");
        String elsewhere = staffTokenListing(List.of(ticket.eventId() + 1, ticket.eventId() + 2));

        scan(ticket, elsewhere)
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("event " + ticket.eventId()));
        assertThat(checkedInAt(ticket)).isNull();

        scan(ticket, staffTokenListing(List.of(ticket.eventId() + 1, ticket.eventId())))
                .expectStatus().isOk();
    }

    @Test
    void anEventsClaimThatListsTheEventOnlyAsTextStillAdmits() {
        var ticket = issuedTicket("hina");

        scan(ticket, staffTokenListing(List.of(Long.toString(ticket.eventId()))))
                .expectStatus().isOk();
    }

    @Test
    void anEventsClaimWithNothingReadableAdmitsNowhere() {
        var ticket = issuedTicket("taro");

        for (Object garbled : List.of(List.of(), List.of("abc"), List.of(ticket.eventId() + 0.5),
                Map.of("id", ticket.eventId()), "event " + ticket.eventId())) {
            scan(ticket, staffTokenListing(garbled))
                    .expectStatus().isForbidden();
        }
        assertThat(checkedInAt(ticket)).isNull();
    }

    @Test
    void anAdminAdmitsAtAnyEventWhateverTheirToken() {
        var ticket = issuedTicket("kaito");
        String admin = infrastructure.tokens().mint(DevTokenIssuer.Claims.of("admin-2", List.of("admin"), null)
                .with("event_ids", List.of(ticket.eventId() + 1)));

        scan(ticket, admin)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.detail").isEqualTo("Admitted");
    }

    @Test
    void anEventIdThatIsNoPositiveIntegerIsABadRequestNamingItAndRecordsNothing() {
        var ticket = issuedTicket("mio");
        String payload = JSON.writeValueAsString(ticket.payload());
        var bodies = new ArrayList<String>();
        bodies.add("{\"qr_payload\": " + payload + "}");
        for (String value : List.of("null", "0", "-1", "-9223372036854775808", "1.5", "1e3", "\"abc\"", "\"\"",
                "true", "[]", "[" + ticket.eventId() + "]", "{}", "{\"id\": " + ticket.eventId() + "}",
                "99999999999999999999", "9223372036854775808")) {
            bodies.add("{\"qr_payload\": " + payload + ", \"event_id\": " + value + "}");
        }

        for (String body : bodies) {
            checkInAsStaff(body)
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail").value(String.class,
                            detail -> assertThat(detail).as(body).contains("event_id"));
        }
        assertThat(checkedInAt(ticket)).isNull();
    }

    @Test
    void refusesATamperedPayloadAndRecordsNothing() {
        var ticket = issuedTicket("yuki");
        String[] parts = ticket.payload().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String moreSeats = claims.replace("\"q\":" + ticket.confirmed().quantity(), "\"q\":9");
        assertThat(moreSeats).isNotEqualTo(claims);
        String tampered = parts[0] + "." + base64Url(moreSeats.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        scan(tampered, ticket.eventId(), staffToken())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid ticket signature");

        assertThat(checkedInAt(ticket)).isNull();
        scan(ticket, staffToken()).expectStatus().isOk();
    }

    @Test
    void refusesAPayloadSignedWithAnotherKey() throws Exception {
        var ticket = issuedTicket("ren");
        String forged = signedWithAnotherKey(QrSigner.claims(ticket.payload()));

        scan(forged, ticket.eventId(), staffToken())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid ticket signature");

        assertThat(checkedInAt(ticket)).isNull();
    }

    @Test
    void refusesTextThatIsNoTicketQrCode() {
        scan("https://example.com/not-a-ticket", 1, staffToken())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("not a ticket QR code"));
    }

    @Test
    void checkInByAPlainUserIsForbidden() {
        var ticket = issuedTicket("aiko");

        scan(ticket, token(ticket.confirmed().userId(), "user"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty();

        assertThat(checkedInAt(ticket)).isNull();
    }

    @Test
    void checkInByAnAdminIsAllowed() {
        var ticket = issuedTicket("daichi");

        scan(ticket, token("admin-1", "admin"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.detail").isEqualTo("Admitted");
    }

    @Test
    void checkInWhenNoTokenShouldBeUnauthorized() {
        client.post().uri("/api/check-ins")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("qr_payload", "TP1.e30.AAAA", "event_id", 1))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void refusesARefundedTicketOnceItsRefundArrived() {
        var ticket = issuedTicket("sakura");
        var confirmed = ticket.confirmed();
        publishRefund(confirmed);

        await().atMost(ASYNC).until(() -> revokedAt(ticket) != null);

        scan(ticket, staffToken())
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
        publishRefund(confirmed);
        await().atMost(ASYNC).until(() -> revokedAt(confirmed.ticketId()) != null);

        publish(confirmed);
        String payload = await().atMost(ASYNC).until(() -> payloadOf(confirmed.ticketId()), Objects::nonNull);

        scan(payload, confirmed.eventId(), staffToken())
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
        publishRefund(confirmed);

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

        scan(payload, 1, staffToken())
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void malformedJsonIsABadRequest() {
        checkInAsStaff("{\"qr_payload\": ")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void missingOrEmptyQrPayloadIsABadRequest() {
        for (String body : List.of("{\"event_id\": 1}", "{\"qr_payload\": \"\", \"event_id\": 1}",
                "{\"qr_payload\": null, \"event_id\": 1}", "null")) {
            checkInAsStaff(body)
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

        long eventId() {
            return confirmed.eventId();
        }
    }

    record Answer(int status, JsonNode body) {
    }

    private IssuedTicket issuedTicket(String user) {
        var confirmed = confirmedTicket(user);
        publish(confirmed);
        String payload = await().atMost(ASYNC).until(() -> payloadOf(confirmed.ticketId()), Objects::nonNull);
        return new IssuedTicket(confirmed, payload);
    }

    /** payment-service's announcement that the ticket's money went back. */
    private void publishRefund(TicketConfirmed confirmed) {
        publish(new PaymentRefunded(confirmed.ticketId(), confirmed.orderId(),
                "re_" + UUID.randomUUID(), 1000, "jpy", Instant.now()));
    }

    /** Scans the ticket at the door of its own event. */
    private WebTestClient.ResponseSpec scan(IssuedTicket ticket, String token) {
        return scan(ticket.payload(), ticket.eventId(), token);
    }

    /** A check-in request with exactly this JSON body, by the staff member. */
    private WebTestClient.ResponseSpec checkInAsStaff(String body) {
        return client.post().uri("/api/check-ins")
                .headers(h -> h.setBearerAuth(staffToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec scan(String payload, long eventId, String token) {
        return client.post().uri("/api/check-ins")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("qr_payload", payload, "event_id", eventId))
                .exchange();
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

    /** A staff token whose event_ids claim is {@code events}, as an identity provider would issue it. */
    private static String staffTokenListing(Object events) {
        return infrastructure.tokens().mint(DevTokenIssuer.Claims.of(STAFF, List.of("staff"), null)
                .with("event_ids", events));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
