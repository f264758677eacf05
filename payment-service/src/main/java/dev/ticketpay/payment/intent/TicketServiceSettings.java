package dev.ticketpay.payment.intent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where ticket-service answers about orders this service has not heard of yet.
 *
 * @param url ticket-service's base URL ({@code TICKET_SERVICE_URL}); its {@code /internal/**} routes are used
 * @param timeout how long one order look-up may take
 */
@ConfigurationProperties("ticketpay.tickets")
public record TicketServiceSettings(@DefaultValue("http://localhost:8081") String url,
        @DefaultValue("5s") Duration timeout) {

    public TicketServiceSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("ticketpay.tickets.url (TICKET_SERVICE_URL) is required");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
