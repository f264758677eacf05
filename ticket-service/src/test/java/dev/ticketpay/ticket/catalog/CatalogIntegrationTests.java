package dev.ticketpay.ticket.catalog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ticketpay.ticket.TicketServiceIntegration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/events} over HTTP with real tokens: admins add events, every signed-in user reads them. */
class CatalogIntegrationTests extends TicketServiceIntegration {

    /** When the tests take seats of the show they create (which starts 2026-12-31T19:00:00Z): before it. */
    private static final Instant BEFORE_THE_SHOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void adminCreatesAnEventWithAllSeatsAvailable() {
        String name = "Summer Jazz Night " + UUID.randomUUID();

        client.post().uri("/api/events").headers(h -> h.setBearerAuth(anAdmin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(newEvent(Map.of("name", name)))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.id").isNumber()
                .jsonPath("$.name").isEqualTo(name)
                .jsonPath("$.venue").isEqualTo("Blue Note Tokyo")
                .jsonPath("$.starts_at").isEqualTo("2026-12-31T19:00:00Z")
                .jsonPath("$.capacity").isEqualTo(120)
                .jsonPath("$.available").isEqualTo(120)
                .jsonPath("$.price").isEqualTo(4500)
                .jsonPath("$.currency").isEqualTo("jpy");
    }

    @Test
    void postEventAsUserShouldBeForbidden() {
        client.post().uri("/api/events").headers(h -> h.setBearerAuth(aUser()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(newEvent(Map.of()))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void postEventWhenNoTokenShouldBeUnauthorized() {
        expectUnauthorized(client.post().uri("/api/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(newEvent(Map.of()))
                .exchange());
    }

    @Test
    void getEventsWhenNoTokenShouldBeUnauthorized() {
        expectUnauthorized(client.get().uri("/api/events").exchange());
    }

    @Test
    void listsCreatedEventsToAnySignedInUser() {
        long first = created(Map.of("name", "Opening " + UUID.randomUUID()));
        long second = created(Map.of("name", "Closing " + UUID.randomUUID()));

        var events = client.get().uri("/api/events").headers(h -> h.setBearerAuth(aUser()))
                .exchange()
                .expectStatus().isOk()
                .expectBodyList(JsonNode.class).returnResult().getResponseBody();

        assertThat(events).extracting(event -> event.get("id").asLong()).contains(first, second);
        assertThat(events).allSatisfy(event -> assertThat(event.propertyNames()).containsExactlyInAnyOrder(
                "id", "name", "venue", "starts_at", "capacity", "available", "price", "currency"));
    }

    @Test
    void returnsOneEventById() {
        String name = "Matinee " + UUID.randomUUID();
        long id = created(Map.of("name", name, "price", 0, "capacity", 7));

        client.get().uri("/api/events/{id}", id).headers(h -> h.setBearerAuth(aUser()))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.name").isEqualTo(name)
                .jsonPath("$.capacity").isEqualTo(7)
                .jsonPath("$.available").isEqualTo(7)
                .jsonPath("$.price").isEqualTo(0);
    }

    @Test
    void getUnknownEventIsNotFound() {
        client.get().uri("/api/events/{id}", Long.MAX_VALUE).headers(h -> h.setBearerAuth(aUser()))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Event " + Long.MAX_VALUE + " not found.");
    }

    @Test
    void getEventWithNonNumericIdIsBadRequest() {
        client.get().uri("/api/events/abc").headers(h -> h.setBearerAuth(aUser()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid value for id.");
    }

    /** Each rule of a new event, broken: refused with a 400 that names the rule. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("a blank name", Map.of("name", "  "), "name is required"),
                Arguments.of("no seats", Map.of("capacity", 0), "capacity must be between 1 and"),
                Arguments.of("an upper-case currency", Map.of("currency", "JPY"),
                        "currency must be a lower-case ISO 4217 code"),
                Arguments.of("a currency not in ISO 4217", Map.of("currency", "abc"),
                        "currency must be a lower-case ISO 4217 code"),
                Arguments.of("a start as an epoch number, not ISO-8601", Map.of("starts_at", 0),
                        "starts_at is required (ISO-8601"),
                Arguments.of("a start after the sane range", Map.of("starts_at", "+99999-01-01T00:00:00Z"),
                        "starts_at must be between"),
                Arguments.of("a start before the sane range", Map.of("starts_at", "1970-01-01T00:00:00Z"),
                        "starts_at must be between"),
                Arguments.of("a control character in the name", Map.of("name", "Jazz\0Night"), "name is required"),
                Arguments.of("a fractional capacity", Map.of("capacity", 1.5), "Invalid value for capacity."));
    }

    @ParameterizedTest(name = "rejects an event with {0}")
    @MethodSource("brokenRules")
    void rejectsAnEventThatBreaksARule(String rule, Map<String, Object> overrides, String detail) {
        expectRejected(newEvent(overrides), detail);
    }

    @Test
    void rejectsMalformedJson() {
        client.post().uri("/api/events").headers(h -> h.setBearerAuth(anAdmin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Unclosed")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Malformed JSON request body.");
    }

    @Test
    void rejectsEventWithNonNumericCapacity() {
        expectRejected(newEvent(Map.of("capacity", "many")), "Invalid value for capacity.");
    }

    @Test
    void adminChangesNameAndPriceAndTheSeatsStayAsTheyWere() {
        long id = created(Map.of("capacity", 30));
        shows.take(id, 4, BEFORE_THE_SHOW).block();

        patch(id, Map.of("name", "Late Show", "price", 6000), anAdmin())
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Late Show")
                .jsonPath("$.price").isEqualTo(6000)
                .jsonPath("$.venue").isEqualTo("Blue Note Tokyo")
                .jsonPath("$.capacity").isEqualTo(30)
                .jsonPath("$.available").isEqualTo(26);
    }

    @Test
    void changingTheCapacityMovesTheSeatsOnSaleByTheDifference() {
        long id = created(Map.of("capacity", 30));
        shows.take(id, 10, BEFORE_THE_SHOW).block();

        patch(id, Map.of("capacity", 50), anAdmin()).expectStatus().isOk()
                .expectBody().jsonPath("$.capacity").isEqualTo(50).jsonPath("$.available").isEqualTo(40);
        patch(id, Map.of("capacity", 10), anAdmin()).expectStatus().isOk()
                .expectBody().jsonPath("$.capacity").isEqualTo(10).jsonPath("$.available").isEqualTo(0);
    }

    @Test
    void capacityBelowTheSeatsAlreadyTakenIsRefusedAndChangesNothing() {
        long id = created(Map.of("capacity", 30));
        shows.take(id, 12, BEFORE_THE_SHOW).block();

        patch(id, Map.of("capacity", 11, "name", "Smaller"), anAdmin())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail")
                .isEqualTo("capacity cannot be below the 12 seats already sold or held.");
        var unchanged = shows.byId(id).block();
        assertThat(unchanged.capacity()).isEqualTo(30);
        assertThat(unchanged.available()).isEqualTo(18);
        assertThat(unchanged.name()).isEqualTo("Summer Jazz Night");
    }

    @Test
    void patchEventAsUserShouldBeForbidden() {
        long id = created(Map.of());
        patch(id, Map.of("price", 1), aUser()).expectStatus().isForbidden().expectBody().jsonPath("$.detail").exists();
        assertThat(shows.byId(id).block().price()).isEqualTo(4500);
    }

    @Test
    void patchUnknownEventIsNotFound() {
        patch(987_654_321L, Map.of("price", 1), anAdmin()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").exists();
    }

    @Test
    void patchWithNothingOrAnInvalidValueIsBadRequest() {
        long id = created(Map.of());
        patch(id, Map.of(), anAdmin()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .startsWith("Send at least one of"));
        patch(id, Map.of("currency", "abc"), anAdmin()).expectStatus().isBadRequest();
        patch(id, Map.of("capacity", 0), anAdmin()).expectStatus().isBadRequest();
        patch(id, Map.of("starts_at", 0), anAdmin()).expectStatus().isBadRequest();
        assertThat(shows.byId(id).block().currency()).isEqualTo("jpy");
    }

    private WebTestClient.ResponseSpec patch(long id, Map<String, Object> changes, String token) {
        return client.patch().uri("/api/events/{id}", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(changes).exchange();
    }

    private void expectRejected(Map<String, Object> event, String detail) {
        client.post().uri("/api/events").headers(h -> h.setBearerAuth(anAdmin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class,
                        message -> assertThat(message).contains(detail));
    }

    private long created(Map<String, Object> overrides) {
        return client.post().uri("/api/events").headers(h -> h.setBearerAuth(anAdmin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(newEvent(overrides))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asLong();
    }

    private static Map<String, Object> newEvent(Map<String, Object> overrides) {
        var event = new LinkedHashMap<String, Object>(Map.of("name", "Summer Jazz Night", "venue", "Blue Note Tokyo",
                "starts_at", "2026-12-31T19:00:00Z", "capacity", 120, "price", 4500, "currency", "jpy"));
        event.putAll(overrides);
        return event;
    }

}
