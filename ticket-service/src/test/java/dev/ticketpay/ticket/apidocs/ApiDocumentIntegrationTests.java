package dev.ticketpay.ticket.apidocs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ticketpay.support.DocumentedRoutes;
import dev.ticketpay.ticket.TicketServiceIntegration;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static dev.ticketpay.support.DocumentedRoutes.fields;
import static dev.ticketpay.support.DocumentedRoutes.requestFields;
import static dev.ticketpay.support.DocumentedRoutes.statuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ticket-service's OpenAPI document against its code (every route documented, every documented route real) and
 * against seed 000, the classic purchase API: the same fields, status codes and {@code {"detail"}} errors.
 */
class ApiDocumentIntegrationTests extends TicketServiceIntegration {

    static final String CREATE = "/api/payments/create-payment-intent/";
    static final String VERIFY = "/api/payments/verify/";
    static final String CANCEL = "/api/payments/cancel/";
    static final Set<String> CLASSIC_ERROR = Set.of("detail");

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired DocumentBuilds builds;

    @Test
    void documentsEveryRouteOfTheCodeAndNothingElse() {
        var inCode = DocumentedRoutes.inCode(mappings);
        assertThat(inCode).contains("POST " + CREATE, "GET /api/v1/orders/{orderId}", "GET /internal/tickets");
        assertThat(DocumentedRoutes.inDocument(DocumentedRoutes.document(client))).isEqualTo(inCode);
    }

    @Test
    void createPaymentIntentIsDocumentedAsInSeed000() {
        var document = DocumentedRoutes.document(client);
        // the seed's 400, 404 and 500; 401 without a token; 503 while the checkout is queued under Stripe's limits
        assertThat(statuses(document, "POST", CREATE)).containsExactly("200", "400", "401", "404", "500", "503");
        assertThat(fields(document, "POST", CREATE, "200")).containsExactlyInAnyOrder(
                Set.of("checkout_url", "session_id", "ticket_id", "ticket_code"),
                Set.of("detail", "qr_code_data", "ticket_id", "ticket_code"));
        assertThat(requestFields(document, "POST", CREATE)).isEqualTo(Set.of("event_id", "quantity"));
        for (String error : List.of("400", "401", "404", "500", "503")) {
            assertThat(fields(document, "POST", CREATE, error)).containsExactly(CLASSIC_ERROR);
        }
    }

    @Test
    void verifyAndCancelAreDocumentedAsInSeed000() {
        var document = DocumentedRoutes.document(client);
        assertThat(statuses(document, "POST", VERIFY)).containsExactly("200", "400", "401", "403", "404", "500");
        assertThat(fields(document, "POST", VERIFY, "200"))
                .containsExactly(Set.of("detail", "qr_code_data", "ticket_id", "ticket_code"));
        assertThat(requestFields(document, "POST", VERIFY)).isEqualTo(Set.of("session_id", "ticket_id"));
        assertThat(statuses(document, "POST", CANCEL)).containsExactly("200", "400", "401", "403", "404", "500");
        assertThat(fields(document, "POST", CANCEL, "200")).containsExactly(Set.of("detail"));
        for (String error : List.of("400", "401", "403", "404", "500")) {
            assertThat(fields(document, "POST", VERIFY, error)).containsExactly(CLASSIC_ERROR);
            assertThat(fields(document, "POST", CANCEL, error)).containsExactly(CLASSIC_ERROR);
        }
    }

    @Test
    void ordersOfApiV1AnswerInTheV1Envelope() {
        var document = DocumentedRoutes.document(client);
        assertThat(fields(document, "POST", "/api/v1/orders", "201").getFirst())
                .contains("status", "data.order_id", "data.ticket_id", "data.amount", "data.currency", "data.status",
                        "data.expires_at");
        assertThat(fields(document, "GET", "/api/v1/orders/{orderId}", "404"))
                .containsExactly(Set.of("status", "error", "code", "details"));
    }

    @Test
    void theDocumentIsBuiltOffTheEventLoop() {
        DocumentedRoutes.document(client);

        // springdoc builds it on the first request, reading class files; an event loop must not wait for that
        assertThat(builds.threads).isNotEmpty().allSatisfy(thread -> assertThat(thread).startsWith("boundedElastic-"));
    }

    /** The threads the document was built on: springdoc calls every customizer once per build. */
    static final class DocumentBuilds implements OpenApiCustomizer {

        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void customise(OpenAPI document) {
            threads.add(Thread.currentThread().getName());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordDocumentBuilds {

        @Bean
        DocumentBuilds documentBuilds() {
            return new DocumentBuilds();
        }
    }
}
