package dev.ticketpay.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static dev.ticketpay.localstack.RunningStack.JSON;
import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.post;
import static dev.ticketpay.localstack.RunningStack.send;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public route, through the gateway to the real services, fed hostile input from a table: malformed and
 * empty bodies, wrong content types and methods, each field replaced by wrong types, huge and negative numbers,
 * injection strings and oversized text, hostile path ids. Every answer is a 4xx in the route's own error shape
 * (the seed's {@code {"detail"}}, or the v1 envelope under {@code /api/v1/}), never a 5xx or a stack trace.
 */
class HostileInputIntegrationTests {

    /** Ids nobody has, so a request that gets past validation still changes nothing. */
    static final long NO_SUCH_ID = 2_000_000_000L;

    static final List<String> HOSTILE_VALUES = List.of("\"abc\"", "-1", "0", "1.5", "1e309", "-1e309",
            "99999999999999999999999999", "9223372036854775808", "null", "true", "[]", "[1,2]", "{}",
            "{\"$gt\":\"\"}", "\"1; DROP TABLE tickets; --\"", "\"' OR '1'='1\"", "\"\\u0000\"",
            "\"" + "x".repeat(20_000) + "\"", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"");

    static final List<String> HOSTILE_IDS = List.of("abc", "-1", "0", "1.5", "99999999999999999999",
            "9223372036854775808", "1%20OR%201%3D1", "%27%20OR%20%271%27%3D%271", "%00", "x".repeat(300), "%7B%7D",
            "660e8400-e29b-41d4-a716-44665544000Z", "null", "%E2%80%AE");

    record Route(String method, String path, String role, Map<String, String> fields) {

        boolean v1() {
            return path.startsWith("/api/v1/");
        }

        String body(Map<String, String> values) {
            var members = new ArrayList<String>();
            values.forEach((name, value) -> members.add(JSON.writeValueAsString(name) + ":" + value));
            return "{" + String.join(",", members) + "}";
        }
    }

    /** One request; {@code mayPass} marks input a route may accept (it still must not 5xx). */
    record Case(String name, Route route, String method, String path, String contentType, String body,
            boolean mayPass) {

        @Override
        public String toString() {
            return method + " " + path.substring(0, Math.min(path.length(), 60)) + " " + name;
        }
    }

    static List<Route> bodyRoutes() {
        return List.of(
                new Route("POST", "/api/events", "admin", fields("name", "\"Hostile Night\"", "venue", "\"Hall\"",
                        "starts_at", "\"2027-01-01T19:00:00Z\"", "capacity", "10", "price", "1000",
                        "currency", "\"jpy\"")),
                new Route("PATCH", "/api/events/" + NO_SUCH_ID, "admin", fields("name", "\"Renamed\"",
                        "capacity", "20", "price", "2000")),
                new Route("POST", "/api/payments/create-payment-intent/", "user",
                        fields("event_id", Long.toString(NO_SUCH_ID), "quantity", "1")),
                new Route("POST", "/api/payments/verify/", "user",
                        fields("session_id", "\"cs_test_nobody\"", "ticket_id", Long.toString(NO_SUCH_ID))),
                new Route("POST", "/api/payments/cancel/", "user", fields("ticket_id", Long.toString(NO_SUCH_ID))),
                new Route("POST", "/api/v1/orders", "user",
                        fields("event_id", Long.toString(NO_SUCH_ID), "quantity", "1")),
                new Route("POST", "/api/v1/payments/intent", "user",
                        fields("order_id", "\"" + UUID.randomUUID() + "\"", "customer_email", "\"a@example.com\"")),
                new Route("POST", "/api/v1/payments/webhook", null,
                        fields("id", "\"evt_hostile\"", "object", "\"event\"", "type", "\"payment_intent.succeeded\"")),
                new Route("POST", "/api/check-ins", "staff", fields("qr_payload", "\"TP1.e30.AAAA\"",
                        "event_id", "1")));
    }

    static List<Route> pathRoutes() {
        return List.of(
                new Route("GET", "/api/events/{id}", "user", Map.of()),
                new Route("GET", "/api/tickets/{id}/qr", "user", Map.of()),
                new Route("GET", "/api/v1/orders/{id}", "user", Map.of()),
                new Route("GET", "/api/v1/payments/{id}", "user", Map.of()));
    }

    static Stream<Case> cases() {
        var cases = new ArrayList<Case>();
        for (Route route : bodyRoutes()) {
            String valid = route.body(route.fields());
            String json = "application/json";
            cases.add(new Case("empty body", route, route.method(), route.path(), json, "", false));
            cases.add(new Case("no body, no type", route, route.method(), route.path(), null, null, false));
            cases.add(new Case("truncated JSON", route, route.method(), route.path(), json,
                    valid.substring(0, valid.length() / 2), false));
            cases.add(new Case("trailing comma", route, route.method(), route.path(), json,
                    valid.substring(0, valid.length() - 1) + ",}", false));
            for (String whole : List.of("[]", "\"text\"", "null", "42", "{}", "[" .repeat(5_000) + "]".repeat(5_000))) {
                cases.add(new Case("body " + whole.substring(0, Math.min(whole.length(), 8)), route, route.method(),
                        route.path(), json, whole, false));
            }
            cases.add(new Case("text/plain", route, route.method(), route.path(), "text/plain", valid, false));
            cases.add(new Case("form encoded", route, route.method(), route.path(),
                    "application/x-www-form-urlencoded", "event_id=1&quantity=1", false));
            cases.add(new Case("xml", route, route.method(), route.path(), "application/xml",
                    "<order><event_id>1</event_id></order>", false));
            cases.add(new Case("wrong method", route, "DELETE", route.path(), null, null, false));
            var unknown = new LinkedHashMap<>(route.fields());
            unknown.put("is_admin", "true");
            unknown.put("amount", "1");
            cases.add(new Case("unknown fields", route, route.method(), route.path(), json, route.body(unknown),
                    route.path().equals("/api/events")));
            for (String field : route.fields().keySet()) {
                for (String value : HOSTILE_VALUES) {
                    var values = new LinkedHashMap<>(route.fields());
                    values.put(field, value);
                    cases.add(new Case(field + "=" + value.substring(0, Math.min(value.length(), 24)), route,
                            route.method(), route.path(), json, route.body(values),
                            route.path().equals("/api/events") && (field.equals("name") || field.equals("venue")
                                    || field.equals("price") && value.equals("0"))));
                }
                var without = new LinkedHashMap<>(route.fields());
                without.remove(field);
                cases.add(new Case("without " + field, route, route.method(), route.path(), json,
                        route.body(without), false));
            }
        }
        for (Route route : pathRoutes()) {
            for (String id : HOSTILE_IDS) {
                cases.add(new Case("id " + id.substring(0, Math.min(id.length(), 24)), route, route.method(),
                        route.path().replace("{id}", id), null, null, false));
            }
            cases.add(new Case("wrong method", route, "PUT", route.path().replace("{id}", "1"), "application/json",
                    "{}", false));
        }
        return cases.stream();
    }

    static String gateway;
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static int requests;

    @BeforeAll
    static void stack() {
        gateway = RunningStack.shared().gatewayUrl();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputIsAFourHundredInTheRoutesShape(Case hostile) {
        String token = hostile.route().role() == null ? null : tokenFor(hostile.route());
        var answer = send(hostile.method(), gateway + hostile.path(), token, hostile.contentType(), hostile.body());

        assertThat(answer.status()).as(answer.body()).isLessThan(500);
        if (!hostile.mayPass()) {
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        }
        if (answer.status() >= 400) {
            assertRouteShape(hostile.path(), answer.status(), answer.body());
        }
    }

    @Test
    void hostileQuantitiesReserveNothing() {
        String admin = token("hostile-admin-" + UUID.randomUUID(), "admin");
        var created = post(gateway + "/api/events", admin, Map.of("name", "Quiet Room", "venue", "Annex",
                "starts_at", RunningStack.aYearAhead(), "capacity", 5, "price", 2000, "currency", "jpy"));
        assertThat(created.status()).isEqualTo(201);
        long event = created.json().get("id").asLong();
        String buyer = token("hostile-buyer-" + UUID.randomUUID(), "user");

        for (String path : List.of("/api/payments/create-payment-intent/", "/api/v1/orders")) {
            for (String quantity : Stream.concat(HOSTILE_VALUES.stream(), Stream.of("6", "100000")).toList()) {
                String body = "{\"event_id\":" + event + ",\"quantity\":" + quantity + "}";
                var answer = send("POST", gateway + path, buyer, "application/json", body);
                assertThat(answer.status()).as(path + " quantity " + quantity + ": " + answer.body())
                        .isBetween(400, 499);
                assertRouteShape(path, answer.status(), answer.body());
            }
        }
        var after = get(gateway + "/api/events/" + event, admin).json();
        assertThat(after.get("available").asInt()).isEqualTo(5);
    }

    /** The seed's {@code {"detail"}} outside {@code /api/v1/}, the v1 envelope inside; no internals either way. */
    static void assertRouteShape(String path, int status, String body) {
        JsonNode json = JSON.readTree(body);
        if (path.startsWith("/api/v1/")) {
            assertThat(json.get("status").asString()).as(body).isEqualTo("error");
            assertThat(json.get("code").asInt()).as(body).isEqualTo(status);
            assertThat(json.get("error").asString()).as(body).isNotBlank();
            assertThat(json.get("details").isObject()).as(body).isTrue();
        }
        else {
            assertThat(json.get("detail").asString()).as(body).isNotBlank();
        }
        assertThat(body).doesNotContain("Exception", "\tat ", "java.", "org.springframework", "SQL", "r2dbc");
    }

    /** A fresh user every 40 requests, well inside the per-user rate limit, so the limit is never what answers. */
    static synchronized String tokenFor(Route route) {
        if (requests++ % 40 == 0) {
            tokens.clear();
        }
        return tokens.computeIfAbsent(route.role(), role -> token("hostile-" + UUID.randomUUID(), role));
    }

    static Map<String, String> fields(String... namesAndValues) {
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
