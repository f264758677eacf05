package dev.ticketpay.payment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ticket-service's {@code GET /internal/orders/{order_id}} as the tests need it, on a random port: 200 with the
 * order for its owner or an admin, 403 for anyone else, 404 for orders it was not given, 401 without a token.
 * An order can be made to fail its look-ups with 503, as a ticket-service being deployed answers.
 * And {@code GET /internal/tickets?ids=…} (admins only) with the tickets' states a test set, for the ledger.
 * It reads the JWT's claims without checking the signature (the service under test relays tokens it verified).
 */
final class TicketServiceStub implements AutoCloseable {

    /** An order as ticket-service answers it. */
    record StubOrder(UUID orderId, long ticketId, String userId, long amount, String currency, String status,
            Instant expiresAt, String channel) {
    }

    /** One look-up the stub answered: the order asked for and the bearer token that came with it. */
    record Lookup(String orderId, String bearerToken) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A ticket's state as {@code /internal/tickets} answers it. */
    record StubTicket(long ticketId, String status, boolean qrIssued) {
    }

    private final Map<UUID, StubOrder> orders = new ConcurrentHashMap<>();
    private final Map<Long, StubTicket> tickets = new ConcurrentHashMap<>();
    private final List<Lookup> lookups = new CopyOnWriteArrayList<>();
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private final DisposableServer server;

    private TicketServiceStub() {
        server = HttpServer.create().host("localhost").port(0)
                .route(routes -> routes.get("/internal/tickets", (request, response) -> {
                    String authorization = request.requestHeaders().get("Authorization");
                    if (authorization == null || !authorization.startsWith("Bearer ")) {
                        return response.status(401).send();
                    }
                    if (!isAdmin(claims(authorization.substring(7)))) {
                        return response.status(403).send();
                    }
                    var answer = JSON.createObjectNode();
                    var list = answer.putArray("tickets");
                    String query = request.uri().contains("ids=") ? request.uri().replaceAll(".*ids=([^&]*).*", "$1")
                            : "";
                    for (String id : java.net.URLDecoder.decode(query, StandardCharsets.UTF_8).split(",")) {
                        StubTicket ticket = id.isBlank() ? null : tickets.get(Long.parseLong(id));
                        if (ticket != null) {
                            list.addObject().put("ticket_id", ticket.ticketId()).put("status", ticket.status())
                                    .put("qr_issued", ticket.qrIssued());
                        }
                    }
                    return response.status(200).header("Content-Type", "application/json")
                            .sendString(Mono.just(JSON.writeValueAsString(answer))).then();
                }).get("/internal/orders/{orderId}", (request, response) -> {
                    String authorization = request.requestHeaders().get("Authorization");
                    String token = authorization != null && authorization.startsWith("Bearer ")
                            ? authorization.substring(7) : null;
                    lookups.add(new Lookup(request.param("orderId"), token));
                    if (token == null) {
                        return response.status(401).send();
                    }
                    UUID orderId = idOf(request.param("orderId"));
                    if (orderId != null && failing.contains(orderId)) {
                        return response.status(503).send();
                    }
                    StubOrder order = orderId == null ? null : orders.get(orderId);
                    if (order == null) {
                        return response.status(404).header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"detail\":\"Not found.\"}")).then();
                    }
                    JsonNode claims = claims(token);
                    if (!isAdmin(claims) && !order.userId().equals(claims.path("sub").asString())) {
                        return response.status(403).header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"detail\":\"Forbidden.\"}")).then();
                    }
                    return response.status(200).header("Content-Type", "application/json")
                            .sendString(Mono.just(body(order))).then();
                }))
                .bindNow();
    }

    static TicketServiceStub start() {
        return new TicketServiceStub();
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    StubOrder add(StubOrder order) {
        orders.put(order.orderId(), order);
        return order;
    }

    /** What {@code /internal/tickets} answers for the ticket from now on. */
    void ticket(long ticketId, String status, boolean qrIssued) {
        tickets.put(ticketId, new StubTicket(ticketId, status, qrIssued));
    }

    /** From now on every look-up of the order answers 503: ticket-service cannot answer for it. */
    void failLookupsOf(UUID orderId) {
        failing.add(orderId);
    }

    List<Lookup> lookupsOf(UUID orderId) {
        return lookups.stream().filter(l -> l.orderId().equals(orderId.toString())).toList();
    }

    private static UUID idOf(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isAdmin(JsonNode claims) {
        for (JsonNode role : claims.path("roles")) {
            if ("admin".equals(role.asString())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        return parts.length < 2 ? JSON.createObjectNode()
                : JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static String body(StubOrder order) {
        var body = JSON.createObjectNode();
        body.put("order_id", order.orderId().toString());
        body.put("ticket_id", order.ticketId());
        body.put("user_id", order.userId());
        body.put("email", order.userId() + "@example.com");
        body.put("event_name", "Jazz night");
        body.put("quantity", 1);
        body.put("amount", order.amount());
        body.put("currency", order.currency());
        body.put("status", order.status());
        body.put("expires_at", order.expiresAt() == null ? null : order.expiresAt().toString());
        body.put("channel", order.channel());
        return JSON.writeValueAsString(body);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
