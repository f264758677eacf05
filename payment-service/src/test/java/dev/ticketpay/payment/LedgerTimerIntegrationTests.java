package dev.ticketpay.payment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.param.PaymentIntentCreateParams;
import dev.ticketpay.sandbox.stripe.StripeSandbox;
import dev.ticketpay.support.OnDevInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's timer: it reconciles by itself every {@code LEDGER_INTERVAL} and reads tickets with a token of its
 * own (client credentials at the dev issuer), nobody's token being there to relay. A context of its own, closed
 * after the class so its timer stops.
 */
@DirtiesContext
@OnDevInfrastructure("payments_ledger_timer")
class LedgerTimerIntegrationTests extends PaymentServiceIntegration {

    static final StripeSandbox stripe = sandbox("whsec_ledgerTimerTests");
    static final String SECRET_KEY = "sk_test_ledger_timer_tests";
    static final TicketServiceStub ticketService = TicketServiceStub.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        stripeAt(registry, stripe, SECRET_KEY);
        registry.add("ticketpay.tickets.url", ticketService::url);
        registry.add("ticketpay.ledger.interval", () -> "1s");
        registry.add("ticketpay.ledger.settle", () -> "0s");
        registry.add("ticketpay.ledger.token-uri", () -> infrastructure.tokens().issuer() + "/dev/token");
        registry.add("ticketpay.ledger.client-id", () -> "payment-ledger");
        registry.add("ticketpay.ledger.client-secret", () -> "ledger-test-secret");
    }

    @Autowired MeterRegistry meters;

    @Test
    void reconcilesByItselfAndReadsTicketsWithItsOwnToken() throws Exception {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        // money taken for one of "our" tickets that this service has no payment of
        var intent = stripeClient(stripe, SECRET_KEY).v1().paymentIntents()
                .create(PaymentIntentCreateParams.builder().setAmount(1200L).setCurrency("jpy")
                        .putMetadata("ticket_id", Long.toString(ticketId))
                        .putMetadata("order_id", UUID.randomUUID().toString())
                        .setPaymentMethod("pm_card_visa").setConfirm(true).build());

        JsonNode report = await().atMost(Duration.ofSeconds(30)).until(this::lastReport,
                last -> last != null && last.path("unresolved").valueStream()
                        .anyMatch(item -> item.path("ticket_id").asLong() == ticketId));

        assertThat(report.path("trigger").asString()).isEqualTo("timer");
        assertThat(report.path("tickets_checked").asBoolean()).isTrue();
        assertThat(report.path("unresolved").get(0).path("reason").asString()).isEqualTo("payment_not_recorded");
        assertThat(report.path("unresolved").get(0).path("payment_intent").asString()).isEqualTo(intent.getId());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("ticketpay.ledger.unbalanced").gauge().value() == 1);
    }

    private JsonNode lastReport() {
        var answer = client.get().uri("/internal/ledger")
                .headers(h -> h.setBearerAuth(infrastructure.tokens().mint("ops", List.of("admin"), null)))
                .exchange().expectBody(String.class).returnResult();
        return answer.getStatus().value() == 200 ? JSON.readTree(answer.getResponseBody()) : null;
    }
}
