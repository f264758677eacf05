package dev.ticketpay.ticket.reservation;

import java.util.List;
import java.util.stream.LongStream;

import dev.ticketpay.ticket.TicketServiceIntegration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /internal/tickets?ids=…}: what payment-service's ledger reads of tickets, for admins only. */
class TicketStateIntegrationTests extends TicketServiceIntegration {

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
        expectUnauthorized(client.get().uri("/internal/tickets?ids=1").exchange());
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
        return placeOrder(token(user), eventId, 1).get("ticket_id").asLong();
    }

    private long event(long price) {
        return newShow("Ledger test", 10, price);
    }
}
