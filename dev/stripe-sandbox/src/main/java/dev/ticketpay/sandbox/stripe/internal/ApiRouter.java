package dev.ticketpay.sandbox.stripe.internal;

import dev.ticketpay.sandbox.stripe.ApiRequests;
import dev.ticketpay.sandbox.stripe.Faults;
import dev.ticketpay.sandbox.stripe.HttpFault;
import dev.ticketpay.sandbox.stripe.SandboxClock;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's single HTTP entry point. It reads the whole (small) body without blocking, then
 * decides on the event loop: control API, injected fault, hosted page, or Stripe API with auth,
 * idempotency and expand. Delays (hang faults) are timers, never sleeps.
 */
public final class ApiRouter {

    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

    /** The pieces of a matched API request a handler needs. */
    public record Call(Matcher path, Params params, RequestOrigin origin, boolean publishableKey) {
        String id() {
            return path.group(1);
        }
    }

    private record Route(
            String method, Pattern pattern, boolean publishableAllowed, Function<Call, ObjectNode> handler) {}

    private record Auth(String key, boolean publishable) {}

    private final SandboxState state;
    private final Faults faults;
    private final ApiRequests requests;
    private final SandboxClock clock;
    private final IdempotencyStore idempotency;
    private final ControlApi control;
    private final PageHandler page;
    private final Scheduler timer;
    private final List<Route> routes = new ArrayList<>();

    public ApiRouter(
            SandboxState state,
            Faults faults,
            ApiRequests requests,
            SandboxClock clock,
            IdempotencyStore idempotency,
            ControlApi control,
            PageHandler page,
            Scheduler timer) {
        this.state = state;
        this.faults = faults;
        this.requests = requests;
        this.clock = clock;
        this.idempotency = idempotency;
        this.control = control;
        this.page = page;
        this.timer = timer;
        String id = "([A-Za-z0-9_]+)";
        route("POST", "/v1/checkout/sessions", false, c -> state.sessions.create(c.params()));
        route("GET", "/v1/checkout/sessions", false, c -> state.sessions.list(c.params()));
        route("GET", "/v1/checkout/sessions/" + id, false, c -> state.sessions.retrieve(c.id(), c.params()));
        route(
                "GET",
                "/v1/checkout/sessions/" + id + "/line_items",
                false,
                c -> state.sessions.lineItems(c.id(), c.params()));
        route(
                "POST",
                "/v1/checkout/sessions/" + id + "/expire",
                false,
                c -> state.sessions.expire(c.id(), c.params(), c.origin()));
        route("POST", "/v1/payment_intents", false, c -> state.intents.create(c.params(), c.origin()));
        route("GET", "/v1/payment_intents", false, c -> state.intents.list(c.params()));
        route(
                "GET",
                "/v1/payment_intents/" + id,
                true,
                c -> state.intents.retrieve(c.id(), c.params(), c.publishableKey()));
        route("POST", "/v1/payment_intents/" + id, false, c -> state.intents.update(c.id(), c.params()));
        route(
                "POST",
                "/v1/payment_intents/" + id + "/confirm",
                true,
                c -> state.intents.confirm(c.id(), c.params(), c.origin(), c.publishableKey()));
        route(
                "POST",
                "/v1/payment_intents/" + id + "/cancel",
                false,
                c -> state.intents.cancel(c.id(), c.params(), c.origin()));
        route("GET", "/v1/payment_methods/" + id, false, c -> state.paymentMethods.retrieve(c.id(), c.params()));
        route("GET", "/v1/charges", false, c -> state.charges.list(c.params()));
        route("GET", "/v1/charges/" + id, false, c -> state.charges.retrieve(c.id(), c.params()));
        route("POST", "/v1/refunds", false, c -> state.refunds.create(c.params(), c.origin()));
        route("GET", "/v1/refunds", false, c -> state.refunds.list(c.params()));
        route("GET", "/v1/refunds/" + id, false, c -> state.refunds.retrieve(c.id(), c.params()));
        route("GET", "/v1/events", false, c -> state.events().list(c.params()));
        route("GET", "/v1/events/" + id, false, c -> state.events().retrieve(c.id(), c.params()));
    }

    private void route(String method, String path, boolean pk, Function<Call, ObjectNode> handler) {
        routes.add(new Route(method, Pattern.compile(path), pk, handler));
    }

    /** Reactor Netty handler. */
    public Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String method = request.method().name();
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        HttpHeaders headers = request.requestHeaders();
        return request.receive()
                .aggregate()
                .asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .flatMap(body -> respond(method, path, query, body, headers))
                .onErrorResume(e -> {
                    log.error("sandbox failed on {} {}", method, path, e);
                    return Mono.just(
                            Reply.json(500, StripeApiException.apiError().body(null)));
                })
                .flatMap(reply -> write(response, reply));
    }

    private static Mono<Void> write(HttpServerResponse response, Reply reply) {
        response.status(reply.status());
        reply.headers().forEach(response::header);
        return response.sendString(Mono.just(reply.body()), StandardCharsets.UTF_8)
                .then();
    }

    private Mono<Reply> respond(String method, String path, String query, String body, HttpHeaders headers) {
        if (path.equals("/_sandbox") || path.startsWith("/_sandbox/")) {
            return Mono.fromSupplier(() -> control.handle(method, path, query, body));
        }
        if (method.equals("OPTIONS")) {
            return Mono.just(cors(new Reply(204, java.util.Map.of(), "")));
        }
        if (path.startsWith("/v1/")) {
            requests.record(method, path);
        }
        HttpFault fault = faults.claim(method, path);
        if (fault == null) {
            return Mono.fromSupplier(() -> process(method, path, query, body, headers));
        }
        log.info("injecting {} into {} {}", fault.kind(), method, path);
        String requestId = Ids.request();
        return switch (fault.kind()) {
            case SERVER_ERROR -> Mono.just(apiReply(StripeApiException.apiError(), requestId, headers));
            case RATE_LIMIT -> Mono.just(apiReply(StripeApiException.rateLimit(), requestId, headers));
            case HANG ->
                    Mono.delay(fault.hangFor(), timer)
                            .map(x -> apiReply(StripeApiException.apiError(), requestId, headers));
            case HANG_AFTER_PROCESSING ->
                    Mono.fromSupplier(() -> process(method, path, query, body, headers))
                            .delayElement(fault.hangFor(), timer);
        };
    }

    private Reply process(String method, String path, String query, String body, HttpHeaders headers) {
        if (path.startsWith("/checkout/")) {
            try {
                return page.handle(method, path, Params.parse(query, body));
            } catch (StripeApiException e) {
                return Reply.html(400, "<p>" + Html.escape(e.getMessage()) + "</p>");
            }
        }
        String requestId = Ids.request();
        try {
            return api(method, path, query, body, headers, requestId);
        } catch (StripeApiException e) {
            return apiReply(e, requestId, headers);
        }
    }

    private Reply api(String method, String path, String query, String body, HttpHeaders headers, String requestId) {
        Auth auth = authenticate(headers.get("Authorization"));
        Route route = null;
        Matcher matcher = null;
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (r.method().equals(method) && m.matches()) {
                route = r;
                matcher = m;
                break;
            }
        }
        if (route == null) {
            throw StripeApiException.unrecognizedUrl(method, path);
        }
        if (auth.publishable() && !route.publishableAllowed()) {
            throw StripeApiException.authentication(
                    "This API call cannot be made with a publishable API key. Please use a secret API key. You can"
                            + " find a list of your API keys at https://dashboard.stripe.com/account/apikeys.");
        }
        Params params = method.equals("GET") ? Params.parse(query) : Params.parse(query, body);
        String key = method.equals("POST") ? blankToNull(headers.get("Idempotency-Key")) : null;
        RequestOrigin origin = new RequestOrigin(requestId, key);
        Call call = new Call(matcher, params, origin, auth.publishable());
        if (key == null) {
            return execute(route, call, requestId, headers).reply();
        }
        if (key.length() > 255) {
            throw StripeApiException.invalid("Idempotency-Key must be at most 255 characters long.", null);
        }
        IdempotencyStore.Claim claim =
                idempotency.claim(auth.key(), key, method, path, params.raw(), clock.epochSecond());
        return switch (claim) {
            case IdempotencyStore.Replay replay ->
                    replay.answer()
                            .reply()
                            .withHeader("Request-Id", requestId)
                            .withHeader("Original-Request", replay.answer().requestId())
                            .withHeader("Idempotent-Replayed", "true");
            case IdempotencyStore.Conflict conflict ->
                    apiReply(conflict.error(), requestId, headers)
                            .withHeader("Stripe-Should-Retry", conflict.error().status() == 409 ? "true" : "false");
            case IdempotencyStore.Fresh fresh -> {
                Outcome outcome = execute(route, call, requestId, headers);
                if (outcome.saved()) {
                    idempotency.complete(fresh.entry(), outcome.reply(), requestId);
                } else {
                    idempotency.release(auth.key(), key, fresh.entry());
                }
                yield outcome.reply();
            }
        };
    }

    private record Outcome(Reply reply, boolean saved) {}

    private Outcome execute(Route route, Call call, String requestId, HttpHeaders headers) {
        try {
            ObjectNode node = state.locked(() -> route.handler().apply(call));
            node = state.expand(node, call.params().strings("expand"));
            return new Outcome(decorate(Reply.json(200, node), requestId, headers), true);
        } catch (StripeApiException e) {
            return new Outcome(apiReply(e, requestId, headers), e.executed());
        }
    }

    private Reply apiReply(StripeApiException e, String requestId, HttpHeaders headers) {
        Reply reply = decorate(Reply.json(e.status(), e.body(requestId)), requestId, headers);
        if (e.status() == 401) {
            reply = reply.withHeader("WWW-Authenticate", "Bearer realm=\"Stripe\"");
        }
        return reply;
    }

    private static Reply decorate(Reply reply, String requestId, HttpHeaders headers) {
        String version = headers.get("Stripe-Version");
        Reply r = reply.withHeader("Request-Id", requestId)
                .withHeader("Stripe-Version", version == null ? Renderer.API_VERSION : version)
                .withHeader("Cache-Control", "no-cache, no-store");
        String key = headers.get("Idempotency-Key");
        if (key != null) {
            r = r.withHeader("Idempotency-Key", key);
        }
        return cors(r);
    }

    /** Browsers call confirm with a publishable key, so the API answers CORS like Stripe does. */
    private static Reply cors(Reply reply) {
        return reply.withHeader("Access-Control-Allow-Origin", "*")
                .withHeader("Access-Control-Allow-Credentials", "true")
                .withHeader("Access-Control-Allow-Methods", "GET, HEAD, PUT, PATCH, POST, DELETE")
                .withHeader(
                        "Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, Stripe-Version")
                .withHeader(
                        "Access-Control-Expose-Headers",
                        "Request-Id, Stripe-Manage-Version, Stripe-Should-Retry, X-Stripe-External-Auth-Required,"
                                + " X-Stripe-Privileged-Session-Required")
                .withHeader("Access-Control-Max-Age", "300");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Auth authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw StripeApiException.authentication(
                    "You did not provide an API key. You need to provide your API key in the Authorization header,"
                            + " using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See"
                            + " https://stripe.com/docs/api#authentication for details, or we can help at"
                            + " https://support.stripe.com/.");
        }
        String key;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = header.substring(7).trim();
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                key = "";
            }
        } else {
            throw StripeApiException.authentication("Invalid API Key provided: " + redact(header)
                    + ". Use Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        if (key.startsWith("sk_test_") && key.length() > "sk_test_".length()) {
            return new Auth(key, false);
        }
        if (key.startsWith("pk_test_") && key.length() > "pk_test_".length()) {
            return new Auth(key, true);
        }
        if (key.isEmpty()) {
            throw StripeApiException.authentication(
                    "You did not provide an API key. You need to provide your API key in the Authorization header,"
                            + " using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See"
                            + " https://stripe.com/docs/api#authentication for details, or we can help at"
                            + " https://support.stripe.com/.");
        }
        throw StripeApiException.authentication("Invalid API Key provided: " + redact(key));
    }

    /** Stripe shows the key's type prefix and last four characters only. */
    static String redact(String key) {
        int second = key.indexOf('_', key.indexOf('_') + 1);
        String prefix = second > 0 && second < 10 ? key.substring(0, second + 1) : "";
        String last4 = key.length() > prefix.length() + 4 ? key.substring(key.length() - 4) : "";
        return prefix + "*".repeat(Math.max(4, key.length() - prefix.length() - last4.length())) + last4;
    }
}
