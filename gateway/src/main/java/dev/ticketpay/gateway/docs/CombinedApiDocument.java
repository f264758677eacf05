package dev.ticketpay.gateway.docs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One OpenAPI document for the whole public API, made of the services' own documents: each route's service is
 * asked for {@code /v3/api-docs} at the route's URI, and only the paths the route forwards are kept (so nothing
 * under {@code /internal/} shows). The result is kept for {@link ApiDocsSettings#refresh()}; concurrent requests
 * share one round of fetching. A service that does not answer keeps its last document; one never seen is left
 * out, named under {@code x-unavailable-services}, and asked again after {@link ApiDocsSettings#retry()}.
 */
public final class CombinedApiDocument {

    private static final Logger log = LoggerFactory.getLogger(CombinedApiDocument.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNAVAILABLE = "x-unavailable-services";

    /** A route with the paths it forwards and where its service is. */
    record Service(String name, URI uri, List<PathPattern> paths) {

        boolean forwards(String path) {
            var container = PathContainer.parsePath(path);
            return paths.stream().anyMatch(pattern -> pattern.matches(container));
        }
    }

    private final List<Service> services;
    private final WebClient http;
    private final ApiDocsSettings settings;
    private final Map<String, JsonNode> lastSeen = new ConcurrentHashMap<>();
    private final Mono<Snapshot> combined;

    /** The combined document, written once per round of fetching. */
    private record Snapshot(byte[] json, boolean complete) {
    }

    public CombinedApiDocument(GatewayProperties gateway, WebClient.Builder http, ApiDocsSettings settings) {
        this.services = gateway.getRoutes().stream().map(CombinedApiDocument::service).toList();
        this.http = http.build();
        this.settings = settings;
        this.combined = Mono.defer(this::combine)
                .map(document -> new Snapshot(JSON.writeValueAsBytes(document), !document.has(UNAVAILABLE)))
                .cache(snapshot -> snapshot.complete() ? settings.refresh() : settings.retry(),
                        failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The combined document as JSON. */
    public Mono<byte[]> json() {
        return combined.map(Snapshot::json);
    }

    private Mono<ObjectNode> combine() {
        return Flux.fromIterable(services)
                .flatMapSequential(service -> fetch(service).map(document -> Map.entry(service, document))
                        .defaultIfEmpty(Map.entry(service, JSON.missingNode())))
                .collectList()
                .map(CombinedApiDocument::merge);
    }

    private Mono<JsonNode> fetch(Service service) {
        return http.get().uri(service.uri().resolve("/v3/api-docs")).retrieve().bodyToMono(byte[].class)
                .timeout(settings.timeout())
                .map(JSON::readTree)
                .doOnNext(document -> lastSeen.put(service.name(), document))
                .onErrorResume(e -> {
                    log.warn("{} did not answer with its API document ({}); using {}", service.name(), e.toString(),
                            lastSeen.containsKey(service.name()) ? "its last one" : "none");
                    return Mono.justOrEmpty(lastSeen.get(service.name()));
                });
    }

    /** The documents of the services (a missing node for one that did not answer) as one. */
    static ObjectNode merge(List<Map.Entry<Service, JsonNode>> documents) {
        ObjectNode combined = JSON.createObjectNode();
        combined.put("openapi", "3.1.0");
        combined.putObject("info").put("title", "ticketpay API").put("version", "v1").put("description",
                "The public API behind the gateway: the classic purchase API (seed 000), the payments API v1 "
                        + "(seed 004), the catalog, QR codes and check-in. Combined from the services' own "
                        + "documents; the events on Kafka are described at /docs/events.");
        combined.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        ObjectNode paths = combined.putObject("paths");
        ObjectNode components = combined.putObject("components");
        ArrayNode tags = JSON.createArrayNode();
        List<String> unavailable = new ArrayList<>();
        for (var entry : documents) {
            Service service = entry.getKey();
            JsonNode document = entry.getValue();
            if (document.isMissingNode()) {
                unavailable.add(service.name());
                continue;
            }
            for (var path : document.path("paths").properties()) {
                if (service.forwards(path.getKey())) {
                    paths.set(path.getKey(), path.getValue());
                }
            }
            for (var section : document.path("components").properties()) {
                ObjectNode merged = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().properties().forEach(named -> merged.set(named.getKey(), named.getValue()));
            }
            for (JsonNode tag : document.path("tags")) {
                if (tags.valueStream().noneMatch(known -> known.path("name").equals(tag.path("name")))) {
                    tags.add(tag);
                }
            }
        }
        if (!tags.isEmpty()) {
            combined.set("tags", tags);
        }
        if (!unavailable.isEmpty()) {
            var names = combined.putArray(UNAVAILABLE);
            unavailable.forEach(names::add);
        }
        return combined;
    }

    private static Service service(RouteDefinition route) {
        var parser = PathPatternParser.defaultInstance;
        List<PathPattern> paths = route.getPredicates().stream()
                .filter(predicate -> predicate.getName().equals("Path"))
                .flatMap(predicate -> predicate.getArgs().values().stream())
                .map(parser::parse)
                .toList();
        return new Service(route.getId(), route.getUri(), paths);
    }
}
