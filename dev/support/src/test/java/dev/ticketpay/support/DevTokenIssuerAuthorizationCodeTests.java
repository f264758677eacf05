package dev.ticketpay.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev issuer's authorization code flow with PKCE, over HTTP as a browser app drives it. */
class DevTokenIssuerAuthorizationCodeTests {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String REDIRECT = "http://localhost:5173/auth/callback";
    private static DevTokenIssuer issuer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        issuer = DevTokenIssuer.start(0);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void exchangesACodeOnceForATokenOfWhoeverSignedIn() throws Exception {
        var page = get("/oauth2/authorize?" + form(authorizeRequest()));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/oauth2/authorize\">", "name=\"sub\"");

        String code = signIn("dora", "staff");
        var token = post("/dev/token", tokenRequest(code, VERIFIER));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        var claims = SignedJWT.parse(JsonMapper.builder().build().readTree(token.body()).get("access_token")
                .asString()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("dora");
        assertThat(claims.getStringListClaim("roles")).containsExactly("staff");
        assertThat(claims.getAudience()).containsExactly(DevTokenIssuer.AUDIENCE);

        var again = post("/dev/token", tokenRequest(code, VERIFIER));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
    }

    @Test
    void refusesACodeWithAnotherVerifierOrRedirect() throws Exception {
        assertThat(post("/dev/token", tokenRequest(signIn("eve", "admin"), VERIFIER.replace('d', 'e'))).statusCode())
                .isEqualTo(400);
        var otherRedirect = tokenRequest(signIn("eve", "admin"), VERIFIER);
        otherRedirect.put("redirect_uri", "https://evil.example/callback");
        assertThat(post("/dev/token", otherRedirect).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAnAuthorizationRequestWithoutPkce() throws Exception {
        var request = authorizeRequest();
        request.remove("code_challenge");
        var page = get("/oauth2/authorize?" + form(request));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("PKCE is required");
    }

    @Test
    void discoveryNamesTheEndpointsOfTheFlow() throws Exception {
        var discovery = JsonMapper.builder().build().readTree(get("/.well-known/openid-configuration").body());
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer.issuer() + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer.issuer() + "/dev/token");
        assertThat(discovery.get("code_challenge_methods_supported").get(0).asString()).isEqualTo("S256");
    }

    private static Map<String, String> authorizeRequest() {
        var request = new java.util.LinkedHashMap<String, String>();
        request.put("response_type", "code");
        request.put("client_id", "ticketpay-web");
        request.put("redirect_uri", REDIRECT);
        request.put("state", "xyz");
        request.put("code_challenge", AuthorizationCodes.challengeOf(VERIFIER));
        request.put("code_challenge_method", "S256");
        return request;
    }

    /** Submits the authorize page's form; answers the code it redirects back with. */
    private String signIn(String subject, String roles) throws Exception {
        var answer = authorizeRequest();
        answer.remove("response_type");
        answer.remove("code_challenge_method");
        answer.put("sub", subject);
        answer.put("roles", roles);
        var redirect = post("/oauth2/authorize", answer);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=xyz");
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state="));
    }

    private static Map<String, String> tokenRequest(String code, String verifier) {
        var request = new java.util.LinkedHashMap<String, String>();
        request.put("grant_type", "authorization_code");
        request.put("code", code);
        request.put("redirect_uri", REDIRECT);
        request.put("client_id", "ticketpay-web");
        request.put("code_verifier", verifier);
        return request;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> entry.getKey() + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
