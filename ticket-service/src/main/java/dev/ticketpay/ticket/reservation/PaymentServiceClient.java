package dev.ticketpay.ticket.reservation;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.web.ServiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The client of payment-service's internal API, called directly (never through the gateway) with the buyer's own token,
 * so payment-service applies its ownership rule itself.
 */
@Component
class PaymentServiceClient {

    private static final Logger log = LoggerFactory.getLogger(PaymentServiceClient.class);
    private final WebClient client;
    private final Duration timeout;

    PaymentServiceClient(@Value("${ticketpay.payments.url}") String url, ReservationSettings settings,
            ServiceClients clients) {
        this.client = clients.builder().baseUrl(url).build();
        this.timeout = settings.paymentServiceTimeout();
    }

    /** What Stripe says about a Checkout Session now; payment-service emits PaymentSucceeded if it is paid. */
    record Reconciliation(@JsonProperty("session_id") String sessionId, @JsonProperty("ticket_id") long ticketId,
            @JsonProperty("payment_status") String paymentStatus, @JsonProperty("status") String status) {

        boolean paid() {
            return "paid".equals(paymentStatus);
        }
    }

    Mono<Reconciliation> reconcile(String sessionId, String bearerToken) {
        return client.post().uri("/internal/payments/checkout-sessions/{id}/reconcile", sessionId)
                .headers(headers -> headers.setBearerAuth(bearerToken))
                .retrieve()
                .bodyToMono(Reconciliation.class)
                .timeout(timeout)
                .onErrorMap(WebClientResponseException.NotFound.class, e -> new PaymentSessionUnknown(sessionId))
                .onErrorMap(WebClientResponseException.Forbidden.class, e -> new PaymentSessionNotYours())
                .onErrorResume(PaymentServiceClient::unanswered,
                        e -> InTrace.<Reconciliation>run(() -> log.warn("Reconciling {} failed: {}", sessionId,
                                e.toString())).then(Mono.error(new PaymentUnverifiable())));
    }

    /** Anything but payment-service's own answer that the session is unknown or someone else's. */
    private static boolean unanswered(Throwable e) {
        return !(e instanceof PaymentSessionUnknown || e instanceof PaymentSessionNotYours);
    }
}
