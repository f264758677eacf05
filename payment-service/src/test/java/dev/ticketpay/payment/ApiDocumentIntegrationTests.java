package dev.ticketpay.payment;

import java.util.List;
import java.util.Set;

import dev.ticketpay.support.DocumentedRoutes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static dev.ticketpay.support.DocumentedRoutes.fields;
import static dev.ticketpay.support.DocumentedRoutes.requestFields;
import static dev.ticketpay.support.DocumentedRoutes.statuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service's OpenAPI document against its code (every route documented, every documented route real) and
 * against seed 004, the payments API v1: the same fields and status codes, the success and error envelopes.
 */
class ApiDocumentIntegrationTests extends StandaloneServiceIntegrationTest {

    static final String INTENT = "/api/v1/payments/intent";
    static final String WEBHOOK = "/api/v1/payments/webhook";
    static final String DETAILS = "/api/v1/payments/{paymentId}";
    static final Set<String> V1_ERROR = Set.of("status", "error", "code", "details");

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void documentsEveryRouteOfTheCodeAndNothingElse() {
        var inCode = DocumentedRoutes.inCode(mappings);
        assertThat(inCode).contains("POST " + INTENT, "POST " + WEBHOOK, "GET /internal/ledger");
        assertThat(DocumentedRoutes.inDocument(DocumentedRoutes.document(client))).isEqualTo(inCode);
    }

    @Test
    void createPaymentIntentIsDocumentedAsInSeed004() {
        var document = DocumentedRoutes.document(client);
        // the seed's codes, and 503 when Stripe's rate limit would keep the buyer waiting
        assertThat(statuses(document, "POST", INTENT)).containsExactly("201", "400", "401", "403", "404", "503");
        assertThat(requestFields(document, "POST", INTENT)).isEqualTo(Set.of("order_id", "customer_email"));
        assertThat(fields(document, "POST", INTENT, "201")).containsExactly(Set.of("status", "data",
                "data.payment_id", "data.client_secret", "data.amount", "data.currency", "data.status"));
        for (String error : List.of("400", "401", "403", "404", "503")) {
            assertThat(fields(document, "POST", INTENT, error)).containsExactly(V1_ERROR);
        }
    }

    @Test
    void webhookIsDocumentedAsInSeed004WithoutAToken() {
        var document = DocumentedRoutes.document(client);
        assertThat(statuses(document, "POST", WEBHOOK)).containsExactly("200", "400");
        assertThat(fields(document, "POST", WEBHOOK, "200")).containsExactly(Set.of("status", "data",
                "data.event_id", "data.event_type", "data.payment_intent_id", "data.status"));
        assertThat(fields(document, "POST", WEBHOOK, "400")).containsExactly(V1_ERROR);
        // no security requirement (an empty list may be left out of the document)
        assertThat(document.at("/paths/~1api~1v1~1payments~1webhook/post/security/0").isMissingNode()).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1payments~1webhook/post/parameters/0/name").asString())
                .isEqualTo("Stripe-Signature");
    }

    @Test
    void paymentDetailsAreDocumentedAsInSeed004() {
        var document = DocumentedRoutes.document(client);
        assertThat(statuses(document, "GET", DETAILS)).containsExactly("200", "400", "401", "403", "404");
        assertThat(fields(document, "GET", DETAILS, "200")).containsExactly(Set.of("status", "data", "data.id",
                "data.order_id", "data.stripe_payment_intent_id", "data.amount", "data.currency", "data.status",
                "data.created_at", "data.updated_at"));
        for (String error : List.of("400", "401", "403", "404")) {
            assertThat(fields(document, "GET", DETAILS, error)).containsExactly(V1_ERROR);
        }
        assertThat(document.at("/paths/~1api~1v1~1payments~1{paymentId}/get/security/0").has("bearer-jwt")).isTrue();
    }
}
