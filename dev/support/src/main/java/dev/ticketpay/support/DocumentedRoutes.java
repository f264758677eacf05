package dev.ticketpay.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The routes of a service as {@code "METHOD /path"}, once from its code (the annotated controllers' handler
 * mappings) and once from its OpenAPI document, so a test can hold the two against each other.
 */
public final class DocumentedRoutes {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** Every route of the context's controllers, except springdoc's own (the document itself). */
    public static Set<String> inCode(RequestMappingHandlerMapping mappings) {
        var routes = new TreeSet<String>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("org.springdoc")) {
                routes.addAll(routes(info));
            }
        });
        return routes;
    }

    /** Every operation of an OpenAPI document. */
    public static Set<String> inDocument(JsonNode document) {
        var routes = new TreeSet<String>();
        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (OPERATIONS.contains(operation.getKey())) {
                    routes.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    /** The service's own document, {@code GET /v3/api-docs}. */
    public static JsonNode document(WebTestClient client) {
        byte[] body = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JsonMapper.builder().build().readTree(body);
    }

    /** The JSON fields of an operation's request body. */
    public static Set<String> requestFields(JsonNode document, String method, String path) {
        JsonNode schema = resolved(document, operation(document, method, path).path("requestBody").path("content")
                .path("application/json").path("schema"));
        return fieldsOf(document, schema, "");
    }

    /** The status codes an operation documents. */
    public static Set<String> statuses(JsonNode document, String method, String path) {
        var statuses = new TreeSet<String>();
        operation(document, method, path).path("responses").propertyNames().forEach(statuses::add);
        return statuses;
    }

    /**
     * The JSON fields of an answer's body as documented, one set per alternative ({@code oneOf}); a
     * {@code {"status":"success","data":{…}}} envelope reads as its fields with {@code data.}-prefixed inner ones.
     */
    public static List<Set<String>> fields(JsonNode document, String method, String path, String status) {
        JsonNode schema = operation(document, method, path).path("responses").path(status).path("content")
                .path("application/json").path("schema");
        schema = resolved(document, schema);
        var alternatives = new ArrayList<Set<String>>();
        if (schema.has("oneOf")) {
            schema.get("oneOf").forEach(one -> alternatives.add(fieldsOf(document, resolved(document, one), "")));
        }
        else {
            alternatives.add(fieldsOf(document, schema, ""));
        }
        return alternatives;
    }

    private static Set<String> fieldsOf(JsonNode document, JsonNode schema, String prefix) {
        var fields = new TreeSet<String>();
        for (var property : schema.path("properties").properties()) {
            fields.add(prefix + property.getKey());
            JsonNode inner = resolved(document, property.getValue());
            if (inner.has("properties")) {
                fields.addAll(fieldsOf(document, inner, prefix + property.getKey() + "."));
            }
        }
        return fields;
    }

    private static JsonNode resolved(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : document.at(ref.substring(1));
    }

    private static JsonNode operation(JsonNode document, String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            throw new IllegalArgumentException("the document has no " + method + " " + path);
        }
        return operation;
    }

    private static Set<String> routes(RequestMappingInfo info) {
        var routes = new TreeSet<String>();
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
            if (info.getMethodsCondition().getMethods().isEmpty()) {
                routes.add("ANY " + pattern.getPatternString());
            }
            info.getMethodsCondition().getMethods()
                    .forEach(method -> routes.add(method.name() + " " + pattern.getPatternString()));
        }
        return routes;
    }

    private DocumentedRoutes() {
    }
}
