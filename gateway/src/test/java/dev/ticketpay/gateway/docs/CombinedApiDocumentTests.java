package dev.ticketpay.gateway.docs;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class CombinedApiDocumentTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static CombinedApiDocument.Service service(String name, String... paths) {
        return new CombinedApiDocument.Service(name, URI.create("http://localhost:1"),
                java.util.Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList());
    }

    @Test
    void aServiceNeverSeenIsLeftOutAndNamed() {
        JsonNode tickets = JSON.readTree("""
                {"paths":{"/api/events":{"get":{}},"/internal/tickets":{"get":{}}}}""");
        var combined = CombinedApiDocument.merge(List.of(
                Map.entry(service("ticket-service", "/api/events", "/api/events/**"), tickets),
                Map.entry(service("qr-service", "/api/qr/public-key"), JSON.missingNode())));
        assertThat(combined.path("paths").propertyNames()).containsExactly("/api/events");
        assertThat(combined.path("x-unavailable-services").get(0).asString()).isEqualTo("qr-service");
    }

    @Test
    void keepsOnlyThePathsTheRouteForwards() {
        JsonNode qr = JSON.readTree("""
                {"paths":{"/api/tickets/{ticketId}/qr":{"get":{}},"/api/qr/public-key":{"get":{}},
                 "/internal/dead-letters":{"get":{}}}}""");
        var combined = CombinedApiDocument.merge(List.of(
                Map.entry(service("qr-service", "/api/tickets/*/qr", "/api/qr/public-key"), qr)));
        assertThat(combined.path("paths").propertyNames())
                .containsExactlyInAnyOrder("/api/tickets/{ticketId}/qr", "/api/qr/public-key");
        assertThat(combined.has("x-unavailable-services")).isFalse();
    }
}
