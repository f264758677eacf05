package dev.ticketpay.ticket.reservation.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.reservation.TicketStates;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/tickets?ids=1,2,3} for payment-service's ledger (admins and the ledger's service client
 * only; never routed by the gateway): {@code {"tickets":[{"ticket_id","status","qr_issued"}]}}, unknown ids left
 * out.
 */
@RestController
class TicketStateController {

    /** One ledger page at a time; the ledger asks in chunks of this size. */
    static final int MAX_IDS = 100;

    private final TicketStates states;

    TicketStateController(TicketStates states) {
        this.states = states;
    }

    @GetMapping("/internal/tickets")
    Mono<Map<String, Object>> states(@RequestParam(name = "ids", required = false) String ids) {
        Set<Long> wanted;
        try {
            wanted = parse(ids);
        }
        catch (IllegalArgumentException e) {
            return Mono.error(new InvalidRequest("ids",
                    "ids must be 1 to " + MAX_IDS + " ticket ids (positive integers) separated by commas."));
        }
        return states.byIds(wanted).map(state -> {
            Map<String, Object> ticket = new LinkedHashMap<>();
            ticket.put("ticket_id", state.ticketId());
            ticket.put("status", state.status().value());
            ticket.put("qr_issued", state.qrIssued());
            return ticket;
        }).collectList().map(tickets -> Map.of("tickets", tickets));
    }

    private static Set<Long> parse(String ids) {
        if (ids == null || ids.isBlank()) {
            throw new IllegalArgumentException("no ids");
        }
        var wanted = new LinkedHashSet<Long>();
        for (String id : List.of(ids.split(","))) {
            long value = Long.parseLong(id.strip());
            if (value < 1) {
                throw new IllegalArgumentException("not a ticket id: " + value);
            }
            wanted.add(value);
        }
        if (wanted.size() > MAX_IDS) {
            throw new IllegalArgumentException("too many ids");
        }
        return wanted;
    }
}
