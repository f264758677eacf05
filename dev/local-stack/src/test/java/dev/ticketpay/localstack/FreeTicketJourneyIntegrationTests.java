package dev.ticketpay.localstack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.ticketpay.localstack.RunningStack.createEvent;
import static dev.ticketpay.localstack.RunningStack.decodeQr;
import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.post;
import static dev.ticketpay.localstack.RunningStack.staffTokenAt;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation slice end to end: a free ticket bought through the gateway comes back with its QR code,
 * having gone ticket-service → Kafka → qr-service → Kafka → ticket-service, every service a real process.
 */
class FreeTicketJourneyIntegrationTests extends StackJourney {

    static long eventId;

    @BeforeAll
    static void freeEvent() {
        eventId = createEvent("Open Rehearsal", 40, 0);
    }

    @Test
    void buysAFreeTicketThroughTheGatewayAndGetsASignedQrCode() throws Exception {
        String alice = token("alice-" + UUID.randomUUID(), "user");
        var answer = purchase(alice, eventId, 2);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var body = answer.json();
        assertThat(body.get("detail").asString()).isEqualTo("Successfully purchased tickets");
        String ticketCode = body.get("ticket_code").asString();
        assertThat(UUID.fromString(ticketCode)).isNotNull();

        String payload = decodeQr(body.get("qr_code_data").asString());
        String claims = new String(Base64.getUrlDecoder().decode(payload.split("\\.")[1]), StandardCharsets.UTF_8);
        var claimsJson = RunningStack.JSON.readTree(claims);
        assertThat(claimsJson.get("c").asString()).isEqualTo(ticketCode);
        assertThat(claimsJson.get("e").asLong()).isEqualTo(eventId);
        assertThat(claimsJson.get("q").asInt()).isEqualTo(2);

        var key = get(gateway + "/api/qr/public-key", null);
        assertThat(key.status()).isEqualTo(200);
        assertThat(verifies(payload, key.json().get("public_key").asString())).isTrue();
        assertThat(verifies(payload.substring(0, payload.length() - 4) + "AAAA",
                key.json().get("public_key").asString())).isFalse();

        long ticketId = body.get("ticket_id").asLong();
        var again = get(gateway + "/api/tickets/" + ticketId + "/qr", alice);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("qr_code_data").asString()).isEqualTo(body.get("qr_code_data").asString());
        assertThat(get(gateway + "/api/tickets/" + ticketId + "/qr", token("bob", "user")).status()).isEqualTo(403);
    }

    @Test
    void checksTheTicketInThroughTheGatewayAtItsOwnEventOnly() {
        long otherEvent = createEvent("Other Hall", 10, 0);
        String erin = token("erin-" + UUID.randomUUID(), "user");
        long ticketId = purchase(erin, eventId, 1).json().get("ticket_id").asLong();
        String payload = get(gateway + "/api/tickets/" + ticketId + "/qr", erin).json().get("payload").asString();
        String checkIns = gateway + "/api/check-ins";

        var notTheirEvent = post(checkIns, staffTokenAt("door-other", otherEvent),
                Map.of("qr_payload", payload, "event_id", eventId));
        assertThat(notTheirEvent.status()).as(notTheirEvent.body()).isEqualTo(403);

        var wrongDoor = post(checkIns, staffTokenAt("door-other", otherEvent),
                Map.of("qr_payload", payload, "event_id", otherEvent));
        assertThat(wrongDoor.status()).as(wrongDoor.body()).isEqualTo(409);
        assertThat(wrongDoor.json().get("detail").asString())
                .isEqualTo("Ticket is for event " + eventId + ", not this event (" + otherEvent + ")");

        var admitted = post(checkIns, staffTokenAt("door-own", eventId),
                Map.of("qr_payload", payload, "event_id", eventId));
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(200);
        assertThat(admitted.json().get("ticket_id").asLong()).isEqualTo(ticketId);

        var again = post(checkIns, token("door-any", "staff"), Map.of("qr_payload", payload, "event_id", eventId));
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).isEqualTo("Ticket already checked in");
    }

    @Test
    void eitherTicketServiceInstanceAnswersWhicheverConsumesTheQrCode() {
        List<String> instances = stack.ticketServiceUrls();
        assertThat(instances).hasSize(2);
        String buyer = token("carol-" + UUID.randomUUID(), "user");
        // ticket ids spread over the partitions of qr-codes.v1, which the two instances share: some answers
        // wait on one instance for an event the other consumed
        var answers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(instances.get(i % 2)
                        + "/api/payments/create-payment-intent/", buyer, Map.of("event_id", eventId, "quantity", 1))))
                .map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("qr_code_data").asString()).isNotBlank();
        });
    }

    @Test
    void twoHundredBuyersOnTwoInstancesShareFiftySeatsExactly() {
        long soldOut = createEvent("Sold Out", 50, 0);
        List<String> instances = stack.ticketServiceUrls();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        try {
            var answers = IntStream.range(0, 200)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(instances.get(i % 2)
                            + "/api/payments/create-payment-intent/", token("buyer-" + i, "user"),
                            Map.of("event_id", soldOut, "quantity", 1)), pool))
                    .toList().stream().map(CompletableFuture::join).toList();

            var byStatus = answers.stream().collect(java.util.stream.Collectors.groupingBy(
                    RunningStack.Answer::status, java.util.stream.Collectors.counting()));
            assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 50L, 400, 150L));
            assertThat(get(gateway + "/api/events/" + soldOut, token("viewer", "user")).json().get("available").asInt())
                    .isZero();
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void theGatewayAnswersLateBuyersOfASoldOutEventItselfOnceTicketServiceMarksTheRefusalAsEveryonesAnswer() {
        long lastSeat = createEvent("Last Seat", 1, 0);
        assertThat(purchase(token("first-" + UUID.randomUUID(), "user"), lastSeat, 1).status()).isEqualTo(200);
        // the first refusal is read from the database; the next comes from ticket-service's memory, marked
        String refusal = "Not enough tickets available: requested 1, 0 left.";
        for (String buyer : List.of("second", "third")) {
            var refused = purchase(token(buyer + "-" + UUID.randomUUID(), "user"), lastSeat, 1);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("detail").asString()).isEqualTo(refusal);
        }
        double givenBefore = sharedAnswersGiven();

        var late = purchase(token("late-" + UUID.randomUUID(), "user"), lastSeat, 1);

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("detail").asString()).isEqualTo(refusal);
        assertThat(late.headers()).as("the mark stays in the gateway").doesNotContainKey("ticketpay-shared-for");
        assertThat(sharedAnswersGiven() - givenBefore).as("answered by the gateway, not passed on").isEqualTo(1);
        assertThat(get(gateway + "/api/events/" + lastSeat, token("viewer", "user")).json().get("available").asInt())
                .isZero();
    }

    private static double sharedAnswersGiven() {
        String scrape = RunningStack.scrape(stack.gatewayManagementUrl() + "/actuator/prometheus");
        assertThat(scrape).as("the gateway's counter of the answers it gave itself")
                .contains("ticketpay_gateway_shared_answers_total");
        return RunningStack.metricValue(scrape, "ticketpay_gateway_shared_answers_total{application=\"gateway\"");
    }

    @Test
    void answersTheClassicErrorsThroughTheGateway() {
        String dave = token("dave", "user");
        var unknown = purchase(dave, 999_999, 1);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("not found");

        var tooMany = purchase(dave, eventId, 10_000);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("detail").asString()).isNotBlank();

        var anonymous = purchase(null, eventId, 1);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("detail").asString()).isNotBlank();
    }

    private static boolean verifies(String payload, String publicKeyBase64) throws Exception {
        int last = payload.lastIndexOf('.');
        var key = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        var signature = java.security.Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(payload.substring(0, last).getBytes(StandardCharsets.US_ASCII));
        try {
            return signature.verify(Base64.getUrlDecoder().decode(payload.substring(last + 1)));
        }
        catch (java.security.SignatureException | IllegalArgumentException e) {
            return false;
        }
    }
}
