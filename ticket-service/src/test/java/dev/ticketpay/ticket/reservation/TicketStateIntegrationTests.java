package dev.ticketpay.ticket.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.ticket.catalog.Shows;
import dev.ticketpay.ticket.catalog.NewEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /internal/tickets?ids=…}: what payment-service's ledger reads of tickets, for admins only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class TicketStateIntegrationTests {

    static final DevInfrastructure infrastructure = DevInfrastructure.shared();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry, "tickets");
    }

    @Autowired WebTestClient client;
    @Autowired Shows shows;
    @Autowired Tickets tickets;

    @Test
    void answersEachKnownTicketsStatusAndWhetherItsQrCodeWasIssued() {
        long reserved = order(event(4500), "kaito");
        long free = order(event(0), "kaito");
        tickets.attachQrCode(free, "TP1.claims.signature", "iVBORw0KGgo=").block();

        client.get().uri("/internal/tickets?ids={ids}", reserved + "," + free + ",999999999")
                .headers(h -> h.setBearerAuth(token("ops", "admin")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.tickets.length()").isEqualTo(2)
                .jsonPath("$.tickets[0].ticket_id").isEqualTo(reserved)
                .jsonPath("$.tickets[0].status").isEqualTo("reserved")
                .jsonPath("$.tickets[0].qr_issued").isEqualTo(false)
                .jsonPath("$.tickets[1].ticket_id").isEqualTo(free)
                .jsonPath("$.tickets[1].status").isEqualTo("paid")
                .jsonPath("$.tickets[1].qr_issued").isEqualTo(true)
                .jsonPath("$.tickets[0].user_id").doesNotExist();
    }

    @Test
    void getTicketStatesWhenNoTokenShouldBeUnauthorized() {
        client.get().uri("/internal/tickets?ids=1").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void getTicketStatesWhenNotAdminShouldBeForbidden() {
        long mine = order(event(4500), "hana");

        client.get().uri("/internal/tickets?ids=" + mine).headers(h -> h.setBearerAuth(token("hana", "user")))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty().jsonPath("$.tickets").doesNotExist();
    }

    @Test
    void refusesIdsThatAreNotAListOfTicketIds() {
        String admin = token("ops", "admin");
        String tooMany = String.join(",", LongStream.rangeClosed(1, 101).mapToObj(Long::toString).toList());
        for (String ids : List.of("", "abc", "1,,2", "-4", "0", tooMany)) {
            client.get().uri(b -> b.path("/internal/tickets").queryParam("ids", ids).build())
                    .headers(h -> h.setBearerAuth(admin))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                            .contains("ids must be"));
        }
        client.get().uri("/internal/tickets").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isBadRequest();
    }

    private long order(long eventId, String user) {
        var body = client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token(user, "user")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 1))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        return EventJson.mapper().readTree(body).get("data").get("ticket_id").asLong();
    }

    private long event(long price) {
        return shows.add(new NewEvent("Ledger test " + UUID.randomUUID(), "Hall", Instant.parse("2027-04-01T18:00:00Z"),
                10, price, "jpy")).block().id();
    }

    private static String token(String subject, String role) {
        return infrastructure.tokens().mint(subject, List.of(role), subject + "@example.com");
    }
}
