package dev.ticketpay.payment.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ticketpay.payment.intent.TicketServiceSettings;
import dev.ticketpay.web.ServiceClients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * ticket-service's side of the ledger: {@code GET /internal/tickets?ids=…} (admin only), in chunks of 100, with
 * the token of whoever runs the reconciliation. Tickets ticket-service does not know are missing from the answer.
 */
@Component
class TicketServiceTickets {

    private static final int CHUNK = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient http;
    private final TicketServiceSettings settings;

    TicketServiceTickets(TicketServiceSettings settings, ServiceClients clients) {
        this.settings = settings;
        this.http = clients.builder().baseUrl(settings.url()).build();
    }

    Mono<Map<Long, TicketStanding>> of(Collection<Long> ticketIds, String bearerToken) {
        List<Long> ids = new ArrayList<>(ticketIds);
        var chunks = new ArrayList<List<Long>>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        return Flux.fromIterable(chunks)
                .concatMap(chunk -> chunk(chunk, bearerToken))
                .collectMap(TicketStanding::ticketId, standing -> standing, HashMap::new)
                .map(map -> (Map<Long, TicketStanding>) map);
    }

    private Flux<TicketStanding> chunk(List<Long> ids, String bearerToken) {
        String joined = String.join(",", ids.stream().map(String::valueOf).toList());
        return http.get().uri(uri -> uri.path("/internal/tickets").queryParam("ids", joined).build())
                .headers(headers -> headers.setBearerAuth(bearerToken))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(settings.timeout())
                .flatMapIterable(body -> {
                    var standings = new ArrayList<TicketStanding>();
                    for (JsonNode ticket : JSON.readTree(body).path("tickets")) {
                        standings.add(new TicketStanding(ticket.path("ticket_id").asLong(),
                                ticket.path("status").asString(), ticket.path("qr_issued").asBoolean(false)));
                    }
                    return standings;
                });
    }
}
