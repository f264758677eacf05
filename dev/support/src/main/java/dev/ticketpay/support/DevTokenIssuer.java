package dev.ticketpay.support;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny OpenID provider for development and tests: {@code POST /dev/token} with
 * {@code {"sub","roles","email"}} answers an RS256 access token valid one hour; any other member of the body
 * (for example a staff member's {@code "event_ids": [1, 2]}) becomes a claim of the token as it is, except the
 * registered claims the issuer sets itself. A form with {@code grant_type=client_credentials} gets one for the
 * client, its {@code scope} as roles. The key is published at {@code /.well-known/jwks.json} and discovery at
 * {@code /.well-known/openid-configuration}. Browser apps sign in with the authorization code flow and PKCE
 * (RFC 7636, {@code S256} only): {@code GET /oauth2/authorize} shows a form asking who to be, its answer
 * redirects back with a one-time code, and the token endpoint exchanges that code and its verifier. Every
 * answer allows any origin (CORS), so a web app on another port can call it.
 * Tests mint tokens in-process with {@link #mint} — the same key, the same claims.
 */
public final class DevTokenIssuer implements AutoCloseable {

    /** The audience every service expects in its tokens. */
    public static final String AUDIENCE = "ticketpay";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Claims the issuer sets itself; a token request cannot choose them. */
    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti",
            "roles", "email");

    private final RSAKey key;
    private final DisposableServer server;
    private final String issuer;
    private final AuthorizationCodes authorizationCodes = new AuthorizationCodes();

    private DevTokenIssuer(RSAKey key, DisposableServer server, String issuer) {
        this.key = key;
        this.server = server;
        this.issuer = issuer;
    }

    /** Starts the issuer on {@code localhost:port} (0 for any free port) with a fresh signing key. */
    public static DevTokenIssuer start(int port) {
        return start("localhost", port, null);
    }

    /**
     * Starts the issuer on {@code bindHost:port} with a fresh signing key. Its tokens name {@code issuer} (null:
     * {@code http://localhost:<port>}): the address its clients use, which in a container differs from where the
     * services fetch the keys.
     */
    public static DevTokenIssuer start(String bindHost, int port, String issuer) {
        RSAKey key = generateKey();
        var holder = new DevTokenIssuer[1];
        DisposableServer server = HttpServer.create()
                .bindAddress(() -> new InetSocketAddress(bindHost, port))
                .route(routes -> routes
                        .post("/dev/token", (request, response) -> holder[0].token(request, response))
                        .options("/dev/token", (request, response) -> preflight(response))
                        .get("/oauth2/authorize", (request, response) -> holder[0].authorizationCodes
                                .form(request, response))
                        .post("/oauth2/authorize", (request, response) -> holder[0].authorizationCodes
                                .grant(request, response))
                        .get("/.well-known/jwks.json", (request, response) -> holder[0].json(response,
                                new JWKSet(key.toPublicJWK()).toJSONObject()))
                        .get("/.well-known/openid-configuration", (request, response) -> holder[0].json(response,
                                holder[0].discovery())))
                .bindNow(Duration.ofSeconds(10));
        holder[0] = new DevTokenIssuer(key, server, issuer != null ? issuer : "http://localhost:" + server.port());
        return holder[0];
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/.well-known/jwks.json";
    }

    public int port() {
        return server.port();
    }

    /** A token for {@code subject} with these roles, valid one hour from now. */
    public String mint(String subject, List<String> roles, String email) {
        return mint(Claims.of(subject, roles, email));
    }

    /** A token with exactly these claims, for tests that need expired, foreign or odd tokens. */
    public String mint(Claims claims) {
        return sign(key, claims);
    }

    /** A valid token of an hour whose {@code exp} passed {@code ago} ago, for clock-skew tests. */
    public String mintExpired(String subject, List<String> roles, Duration ago) {
        Instant now = Instant.now();
        return mint(new Claims(subject, roles, null, null, AUDIENCE, now.minus(Duration.ofHours(1)), now.minus(ago)));
    }

    /** Tokens a service must refuse with 401, by what is wrong with them; all but one name {@code subject}. */
    private Map<String, String> hostileTokens(String subject, List<String> roles) {
        Instant now = Instant.now();
        String valid = mint(subject, roles, null);
        String[] parts = valid.split("\\.");
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String otherSubjectPayload = encoder.encodeToString(JSON.writeValueAsBytes(Map.of("sub", "admin",
                "roles", List.of("admin"), "aud", AUDIENCE, "iss", issuer,
                "exp", now.plusSeconds(600).getEpochSecond())));
        var tokens = new LinkedHashMap<String, String>();
        tokens.put("expired", mint(new Claims(subject, roles, null, null, AUDIENCE, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)))));
        tokens.put("not yet valid", mint(new Claims(subject, roles, null, null, AUDIENCE,
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)))));
        tokens.put("wrong issuer", mint(new Claims(subject, roles, null, "https://issuer.example", AUDIENCE,
                now, now.plus(Duration.ofHours(1)))));
        tokens.put("wrong audience", mint(new Claims(subject, roles, null, null, "another-api", now,
                now.plus(Duration.ofHours(1)))));
        tokens.put("alg none", encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + parts[1] + ".");
        tokens.put("signed by another key", sign(generateKey(), Claims.of(subject, roles, null)));
        tokens.put("tampered payload", parts[0] + "." + otherSubjectPayload + "." + parts[2]);
        tokens.put("no subject", mint(new Claims(null, roles, null, null, AUDIENCE, now,
                now.plus(Duration.ofHours(1)))));
        tokens.put("not a jwt", "not-a-token");
        return tokens;
    }

    /**
     * Every hostile token on every route, as arguments of a parameterized test: {@code (kind, route, token)},
     * routes written {@code "METHOD /path"}.
     */
    public Stream<Object[]> hostileTokensOn(List<String> routes) {
        return hostileTokens("eve", List.of("user", "staff", "admin")).entrySet().stream()
                .flatMap(token -> routes.stream().map(route -> new Object[] {token.getKey(), route, token.getValue()}));
    }

    private String sign(RSAKey signingKey, Claims claims) {
        var builder = new JWTClaimsSet.Builder()
                .issuer(claims.issuer() != null ? claims.issuer() : issuer)
                .subject(claims.subject())
                .audience(claims.audience())
                .issueTime(Date.from(claims.notBefore()))
                .notBeforeTime(Date.from(claims.notBefore()))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", claims.roles());
        claims.more().forEach(builder::claim);
        if (claims.email() != null) {
            builder.claim("email", claims.email());
        }
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    builder.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a dev token", e);
        }
    }

    /**
     * The claims of a token; {@link #of} gives the usual ones, {@link #with} adds others.
     *
     * @param more claims beyond the usual ones, by name (JSON values: strings, numbers, lists, maps)
     */
    public record Claims(String subject, List<String> roles, String email, String issuer, String audience,
            Instant notBefore, Instant expiresAt, Map<String, Object> more) {

        public Claims {
            more = Map.copyOf(more);
        }

        public Claims(String subject, List<String> roles, String email, String issuer, String audience,
                Instant notBefore, Instant expiresAt) {
            this(subject, roles, email, issuer, audience, notBefore, expiresAt, Map.of());
        }

        public static Claims of(String subject, List<String> roles, String email) {
            Instant now = Instant.now();
            return new Claims(subject, roles, email, null, AUDIENCE, now, now.plus(Duration.ofHours(1)));
        }

        /** These claims plus {@code name}, for example {@code with("event_ids", List.of(1, 2))}. */
        public Claims with(String name, Object value) {
            return with(Map.of(name, value));
        }

        /** These claims plus {@code others}; a name given again takes the new value. */
        public Claims with(Map<String, ?> others) {
            var added = new LinkedHashMap<String, Object>(more);
            added.putAll(others);
            return new Claims(subject, roles, email, issuer, audience, notBefore, expiresAt, added);
        }
    }

    private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                    .flatMap(body -> {
                        var form = form(body);
                        return switch (form.getOrDefault("grant_type", "")) {
                            case "client_credentials" -> clientCredentials(request, response, form);
                            case "authorization_code" -> authorizationCode(response, form);
                            default -> error(response, "grant_type must be client_credentials or authorization_code"
                                    + " (or send JSON {\"sub\",\"roles\"})");
                        };
                    });
        }
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            String subject;
            List<String> roles;
            String email;
            Map<String, Object> more = new LinkedHashMap<>();
            try {
                JsonNode node = JSON.readTree(body);
                subject = node.path("sub").asString("");
                roles = node.has("roles")
                        ? node.get("roles").valueStream().map(JsonNode::asString).toList()
                        : List.of("user");
                email = node.path("email").isString() ? node.get("email").asString() : null;
                node.properties().stream()
                        .filter(member -> !REGISTERED.contains(member.getKey()) && !member.getValue().isNull())
                        .forEach(member -> more.put(member.getKey(),
                                JSON.treeToValue(member.getValue(), Object.class)));
            }
            catch (RuntimeException e) {
                return error(response, "body must be JSON: {\"sub\",\"roles\",\"email\"}");
            }
            if (subject.isBlank()) {
                return error(response, "sub is required");
            }
            return json(response, Map.of("access_token", mint(Claims.of(subject, roles, email).with(more)),
                    "token_type", "Bearer", "expires_in", 3600));
        });
    }

    /**
     * OAuth2 client credentials (RFC 6749 §4.4), for services' own calls (payment-service's ledger): the client id
     * (HTTP Basic or {@code client_id}) becomes the subject and the space-separated {@code scope} its roles. Like
     * the rest of this issuer it trusts anyone: the secret is not checked.
     */
    private Mono<Void> clientCredentials(HttpServerRequest request, HttpServerResponse response,
            Map<String, String> form) {
        String client = form.get("client_id");
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION, "");
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            client = URLDecoder.decode(pair.substring(0, Math.max(0, pair.indexOf(':'))), StandardCharsets.UTF_8);
        }
        if (client == null || client.isBlank()) {
            return error(response, "client_id is required (HTTP Basic or form)");
        }
        List<String> roles = form.getOrDefault("scope", "").isBlank() ? List.of()
                : List.of(form.get("scope").trim().split("\\s+"));
        return json(response, Map.of("access_token", mint(client, roles, null), "token_type", "Bearer",
                "expires_in", 3600));
    }

    /** The token endpoint's half of the authorization code flow: a code once, with the verifier of its challenge. */
    private Mono<Void> authorizationCode(HttpServerResponse response, Map<String, String> form) {
        return authorizationCodes.redeem(form)
                .map(claims -> json(response, Map.of("access_token", mint(claims), "token_type", "Bearer",
                        "expires_in", 3600)))
                .orElseGet(() -> response.status(HttpResponseStatus.BAD_REQUEST)
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header("Access-Control-Allow-Origin", "*")
                        .sendByteArray(Mono.just(JSON.writeValueAsBytes(Map.of("error", "invalid_grant",
                                "error_description", "The code is unknown, used, expired, or its verifier, client "
                                        + "or redirect_uri does not match."))))
                        .then());
    }

    /** A form body ({@code application/x-www-form-urlencoded}) by name; the first of a repeated name wins. */
    static Map<String, String> form(String body) {
        var form = new LinkedHashMap<String, String>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static Mono<Void> preflight(HttpServerResponse response) {
        return response.status(HttpResponseStatus.NO_CONTENT)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "600")
                .send();
    }

    private Map<String, Object> discovery() {
        return Map.of("issuer", issuer, "jwks_uri", jwkSetUri(), "token_endpoint", issuer + "/dev/token",
                "authorization_endpoint", issuer + "/oauth2/authorize",
                "grant_types_supported", List.of("authorization_code", "client_credentials"),
                "code_challenge_methods_supported", List.of("S256"),
                "token_endpoint_auth_methods_supported", List.of("none", "client_secret_basic", "client_secret_post"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "subject_types_supported", List.of("public"), "response_types_supported", List.of("code"));
    }

    private Mono<Void> error(HttpServerResponse response, String message) {
        return response.status(HttpResponseStatus.BAD_REQUEST)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header("Access-Control-Allow-Origin", "*")
                .sendByteArray(Mono.just(JSON.writeValueAsBytes(Map.of("error", "invalid_request",
                        "error_description", message))))
                .then();
    }

    private Mono<Void> json(HttpServerResponse response, Object body) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header("Access-Control-Allow-Origin", "*")
                .sendByteArray(Mono.just(JSON.writeValueAsBytes(body)))
                .then();
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
