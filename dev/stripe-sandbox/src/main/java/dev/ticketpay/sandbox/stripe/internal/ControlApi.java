package dev.ticketpay.sandbox.stripe.internal;

import dev.ticketpay.sandbox.stripe.Faults;
import dev.ticketpay.sandbox.stripe.HttpFault;
import dev.ticketpay.sandbox.stripe.SandboxClock;
import dev.ticketpay.sandbox.stripe.WebhookDelivery;
import dev.ticketpay.sandbox.stripe.webhook.WebhookDispatcher;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /_sandbox/…}: the Java API's test controls over HTTP, for end-to-end tests that run the
 * sandbox in another JVM. Bodies may be JSON or form-encoded; answers are JSON.
 */
public final class ControlApi {

    private final WebhookDispatcher webhooks;
    private final Faults faults;
    private final SandboxClock clock;
    private final SandboxState state;

    public ControlApi(WebhookDispatcher webhooks, Faults faults, SandboxClock clock, SandboxState state) {
        this.webhooks = webhooks;
        this.faults = faults;
        this.clock = clock;
        this.state = state;
    }

    public Reply handle(String method, String path, String query, String body) {
        try {
            Function<String, String> in = input(query, body);
            String route = method + " " + path;
            return switch (route) {
                case "GET /_sandbox/health" -> ok(health());
                case "GET /_sandbox/webhook_endpoints" -> ok(endpoints());
                case "POST /_sandbox/webhook_endpoints" -> {
                    webhooks.addEndpoint(required(in, "url"));
                    yield Reply.json(201, endpoints());
                }
                case "DELETE /_sandbox/webhook_endpoints" -> {
                    String url = required(in, "url");
                    if (!webhooks.removeEndpoint(url)) {
                        yield error(404, "no such webhook endpoint: " + url);
                    }
                    yield ok(endpoints());
                }
                case "GET /_sandbox/deliveries" -> ok(deliveries(in.apply("event_id"), in.apply("type")));
                case "DELETE /_sandbox/deliveries" -> {
                    webhooks.clearDeliveries();
                    yield ok(deliveries(null, null));
                }
                case "GET /_sandbox/faults" -> ok(pendingFaults());
                case "POST /_sandbox/faults" -> {
                    faults.inject(fault(in));
                    yield Reply.json(201, pendingFaults());
                }
                case "DELETE /_sandbox/faults" -> {
                    faults.clear();
                    yield ok(pendingFaults());
                }
                case "POST /_sandbox/faults/webhooks" -> {
                    webhookFault(in);
                    yield Reply.json(201, status("ok"));
                }
                case "GET /_sandbox/clock" -> ok(clock());
                case "POST /_sandbox/clock/advance" -> {
                    long millis = millis(in, "seconds", "millis");
                    clock.advance(Duration.ofMillis(millis));
                    yield ok(clock());
                }
                case "POST /_sandbox/disputes" -> {
                    String charge = in.apply("charge") != null ? in.apply("charge") : required(in, "payment_intent");
                    String reason = in.apply("reason");
                    yield Reply.json(201, state.openDispute(charge, reason));
                }
                case "POST /_sandbox/disputes/close" -> {
                    String dispute = required(in, "dispute");
                    String status = required(in, "status");
                    yield ok(state.closeDispute(dispute, status));
                }
                case "GET /_sandbox/triggers" -> ok(triggers());
                case "POST /_sandbox/triggers" -> {
                    String event = required(in, "event");
                    String object = in.apply("object");
                    yield Reply.json(201, state.trigger(event, object));
                }
                case "POST /_sandbox/events/resend" -> {
                    String event = required(in, "event");
                    yield ok(state.resend(event));
                }
                default -> error(404, "unknown sandbox control route: " + route);
            };
        } catch (IllegalArgumentException | StripeApiException e) {
            return error(400, e.getMessage());
        }
    }

    /** The events {@code POST /_sandbox/triggers} raises, and for which object each one is. */
    private static ObjectNode triggers() {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("triggers");
        for (String type : SandboxState.triggers()) {
            ObjectNode one = list.addObject();
            one.put("event", type);
            one.put(
                    "object",
                    type.startsWith("checkout.session")
                            ? "an open Checkout Session (cs_…)"
                            : type.startsWith("payment_intent")
                                    ? "an unpaid PaymentIntent (pi_…)"
                                    : "a paid Checkout Session, PaymentIntent or charge (cs_…, pi_…, ch_…)");
        }
        out.put("without_object", "a fresh object of 2000 jpy is created first, as stripe trigger does");
        return out;
    }

    private static Function<String, String> input(String query, String body) {
        Params queryParams = Params.parse(query);
        String trimmed = body == null ? "" : body.trim();
        if (trimmed.startsWith("{")) {
            JsonNode json;
            try {
                json = Json.read(trimmed);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("body is not valid JSON");
            }
            return key -> {
                JsonNode v = json.get(key);
                if (v == null || v.isNull()) {
                    return queryParams.string(key);
                }
                return v.isString() ? v.asString() : v.toString();
            };
        }
        Params form = Params.parse(query, trimmed);
        return form::string;
    }

    private static String required(Function<String, String> in, String key) {
        String v = in.apply(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    private static int integer(Function<String, String> in, String key, int fallback) {
        String v = in.apply(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer");
        }
    }

    /** A duration given either in whole {@code seconds} or in {@code millis}. */
    private static long millis(Function<String, String> in, String secondsKey, String millisKey) {
        String ms = in.apply(millisKey);
        if (ms != null) {
            return Long.parseLong(ms.trim());
        }
        return Math.round(Double.parseDouble(required(in, secondsKey).trim()) * 1000);
    }

    private static HttpFault fault(Function<String, String> in) {
        String kind = required(in, "kind").toUpperCase(Locale.ROOT);
        HttpFault.Kind k;
        try {
            k = HttpFault.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "kind must be one of server_error, rate_limit, hang, hang_after_processing");
        }
        String hangMs = in.apply("hang_ms");
        Duration hang = hangMs == null ? null : Duration.ofMillis(Long.parseLong(hangMs.trim()));
        return new HttpFault(k, integer(in, "times", 1), in.apply("method"), in.apply("path"), hang);
    }

    private void webhookFault(Function<String, String> in) {
        String mode = required(in, "mode");
        int events = integer(in, "events", 1);
        switch (mode) {
            case "duplicate" -> faults.duplicateWebhooks(events, integer(in, "copies", 2));
            case "delay" -> faults.delayWebhooks(events, Duration.ofMillis(Long.parseLong(required(in, "delay_ms"))));
            case "reorder" -> {
                String window = in.apply("window_ms");
                faults.reorderWebhooks(
                        events, window == null ? Duration.ofSeconds(2) : Duration.ofMillis(Long.parseLong(window)));
            }
            case "shuffle" -> {
                String window = in.apply("window_ms");
                faults.shuffleWebhooks(
                        events, window == null ? Duration.ofSeconds(2) : Duration.ofMillis(Long.parseLong(window)));
            }
            default -> throw new IllegalArgumentException("mode must be one of duplicate, delay, reorder, shuffle");
        }
    }

    private ObjectNode health() {
        ObjectNode n = status("ok");
        n.put("api_version", Renderer.API_VERSION);
        return n;
    }

    private ObjectNode endpoints() {
        ObjectNode n = Json.object();
        ArrayNode data = n.putArray("data");
        webhooks.endpoints().forEach(data::add);
        return n;
    }

    private ObjectNode deliveries(String eventId, String type) {
        ObjectNode n = Json.object();
        ArrayNode data = n.putArray("data");
        for (WebhookDelivery d : webhooks.deliveries()) {
            if ((eventId != null && !eventId.equals(d.eventId())) || (type != null && !type.equals(d.eventType()))) {
                continue;
            }
            ObjectNode o = data.addObject();
            o.put("event_id", d.eventId());
            o.put("event_type", d.eventType());
            o.put("endpoint", d.endpoint());
            o.put("attempt", d.attempt());
            o.put("attempted_at", d.attemptedAt().toString());
            o.put("status", d.status());
            o.put("error", d.error());
            o.put("succeeded", d.succeeded());
        }
        return n;
    }

    private ObjectNode pendingFaults() {
        ObjectNode n = Json.object();
        ArrayNode data = n.putArray("data");
        for (HttpFault f : faults.pending()) {
            ObjectNode o = data.addObject();
            o.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
            o.put("times", f.times());
            o.put("method", f.method());
            o.put("path", f.path());
            o.put("hang_ms", f.hangFor().toMillis());
        }
        return n;
    }

    private ObjectNode clock() {
        ObjectNode n = Json.object();
        n.put("now", clock.epochSecond());
        n.put("offset_seconds", clock.offset().toSeconds());
        return n;
    }

    private static ObjectNode status(String s) {
        ObjectNode n = Json.object();
        n.put("status", s);
        return n;
    }

    private static Reply ok(ObjectNode body) {
        return Reply.json(200, body);
    }

    private static Reply error(int status, String message) {
        ObjectNode n = Json.object();
        n.putObject("error").put("message", message);
        return Reply.json(status, n);
    }
}
