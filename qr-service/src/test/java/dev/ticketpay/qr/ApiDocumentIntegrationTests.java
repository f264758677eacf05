package dev.ticketpay.qr;

import java.util.Set;

import dev.ticketpay.support.DocumentedRoutes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static dev.ticketpay.support.DocumentedRoutes.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** qr-service's OpenAPI document against its code: every route documented, every documented route real. */
class ApiDocumentIntegrationTests extends QrServiceIntegration {

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void documentsEveryRouteOfTheCodeAndNothingElse() {
        var inCode = DocumentedRoutes.inCode(mappings);
        assertThat(inCode).contains("GET /api/tickets/{ticketId}/qr", "POST /api/check-ins");
        assertThat(DocumentedRoutes.inDocument(DocumentedRoutes.document(client))).isEqualTo(inCode);
    }

    @Test
    void publicKeyNeedsNoTokenAndQrCodesAnswerClassicErrors() {
        var document = DocumentedRoutes.document(client);
        // no security requirement (an empty list may be left out of the document)
        assertThat(document.at("/paths/~1api~1qr~1public-key/get/security/0").isMissingNode()).isTrue();
        assertThat(fields(document, "GET", "/api/tickets/{ticketId}/qr", "403")).containsExactly(Set.of("detail"));
    }
}
