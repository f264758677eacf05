package dev.ticketpay.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The dev issuer's authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636): the authorize page asks who to
 * be (subject, roles) instead of a password, then redirects to the client's {@code redirect_uri} with a code that
 * the token endpoint exchanges once, within a minute, for the verifier whose SHA-256 is the code's challenge.
 * Public clients only: there is no client secret, as for any browser app.
 */
final class AuthorizationCodes {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(String clientId, String redirectUri, String challenge, DevTokenIssuer.Claims claims,
            Instant expiresAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** {@code GET /oauth2/authorize}: the sign-in form, after the request's parameters are checked. */
    Mono<Void> form(HttpServerRequest request, HttpServerResponse response) {
        var query = DevTokenIssuer.form(rawQuery(request.uri()));
        String problem = problem(query);
        if (problem != null) {
            return page(response, HttpResponseStatus.BAD_REQUEST, "<h1>Sign-in request refused</h1><p>"
                    + escape(problem) + "</p>");
        }
        var hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "code_challenge")) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(escape(query.getOrDefault(name, ""))).append("\">");
        }
        return page(response, HttpResponseStatus.OK, """
                <h1>Dev sign-in</h1>
                <p>The development token issuer trusts whoever you say you are.</p>
                <form method="post" action="/oauth2/authorize">%s
                <p><label for="sub">User</label><br><input id="sub" name="sub" required value="%s"></p>
                <p><label for="roles">Roles (comma separated: user, staff, admin)</label><br>
                <input id="roles" name="roles" value="user"></p>
                <p><button type="submit">Sign in</button></p>
                </form>""".formatted(hidden, escape(query.getOrDefault("login_hint", "alice"))));
    }

    /** {@code POST /oauth2/authorize}: the form's answer becomes a one-time code, sent back to the client. */
    Mono<Void> grant(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
            var form = DevTokenIssuer.form(body);
            form.putIfAbsent("response_type", "code");
            form.putIfAbsent("code_challenge_method", "S256");
            String problem = problem(form);
            String subject = form.getOrDefault("sub", "").trim();
            if (problem == null && subject.isEmpty()) {
                problem = "Say who you are: the user is required.";
            }
            if (problem != null) {
                return page(response, HttpResponseStatus.BAD_REQUEST, "<h1>Sign-in refused</h1><p>"
                        + escape(problem) + "</p>");
            }
            List<String> roles = Arrays.stream(form.getOrDefault("roles", "user").split("[,\\s]+"))
                    .filter(role -> !role.isBlank()).toList();
            String code = randomToken();
            pending.put(code, new Pending(form.get("client_id"), form.get("redirect_uri"), form.get("code_challenge"),
                    DevTokenIssuer.Claims.of(subject, roles, subject + "@example.com"),
                    Instant.now().plus(CODE_LIFETIME)));
            String redirect = form.get("redirect_uri") + (form.get("redirect_uri").contains("?") ? "&" : "?")
                    + "code=" + code + (form.containsKey("state") ? "&state=" + encode(form.get("state")) : "");
            return response.status(HttpResponseStatus.FOUND).header(HttpHeaderNames.LOCATION, redirect).send();
        });
    }

    /** The claims of a code presented with its client, redirect URI and verifier; each code works once. */
    Optional<DevTokenIssuer.Claims> redeem(Map<String, String> form) {
        String code = form.get("code");
        Pending grant = code == null ? null : pending.remove(code);
        if (grant == null || grant.expiresAt().isBefore(Instant.now())
                || !grant.clientId().equals(form.get("client_id"))
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(challengeOf(form.getOrDefault("code_verifier", "")))) {
            return Optional.empty();
        }
        return Optional.of(grant.claims());
    }

    private static String problem(Map<String, String> query) {
        if (!"code".equals(query.get("response_type"))) {
            return "response_type must be code.";
        }
        if (query.getOrDefault("client_id", "").isBlank()) {
            return "client_id is required.";
        }
        String redirect = query.getOrDefault("redirect_uri", "");
        if (!redirect.startsWith("http://") && !redirect.startsWith("https://")) {
            return "redirect_uri must be an http(s) URL.";
        }
        if (!"S256".equals(query.get("code_challenge_method"))
                || !query.getOrDefault("code_challenge", "").matches("[A-Za-z0-9_-]{43}")) {
            return "PKCE is required: code_challenge (43 characters, base64url SHA-256) with code_challenge_method "
                    + "S256.";
        }
        return null;
    }

    static String challengeOf(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String rawQuery(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Mono<Void> page(HttpServerResponse response, HttpResponseStatus status, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Dev sign-in</title>"
                + "</head><body style=\"font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto;"
                + "padding:0 1rem\">" + body + "</body></html>";
        return response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .sendString(Mono.just(html)).then();
    }
}
