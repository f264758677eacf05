package dev.ticketpay.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DevInfrastructureTests {

    private final DevInfrastructure infrastructure = DevInfrastructure.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postgresServesOneDatabasePerService() throws Exception {
        var tickets = infrastructure.postgres().database("tickets");
        var payments = infrastructure.postgres().database("payments");
        try (var connection = DriverManager.getConnection(tickets.jdbcUrl(), tickets.username(), tickets.password());
                var rows = connection.createStatement().executeQuery("select current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("tickets");
        }
        assertThat(payments.r2dbcUrl()).endsWith("/payments");
    }

    @Test
    void kafkaAnswersAsARealBroker() throws Exception {
        var props = new Properties();
        props.put("bootstrap.servers", infrastructure.kafka().bootstrapServers());
        try (var admin = AdminClient.create(props)) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void issuesTokensOverHttpThatVerifyWithThePublishedKeys() throws Exception {
        var tokens = infrastructure.tokens();
        var answer = requestToken("{\"sub\":\"alice\",\"roles\":[\"user\"],\"email\":\"alice@example.com\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        var body = JsonMapper.builder().build().readTree(answer.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);

        var jwks = JWKSet.parse(http.send(HttpRequest.newBuilder(URI.create(tokens.jwkSetUri())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        var jwt = SignedJWT.parse(body.get("access_token").asString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getIssuer()).isEqualTo(tokens.issuer());
        assertThat(claims.getAudience()).containsExactly(DevTokenIssuer.AUDIENCE);
        assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of("user"));
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
    }

    @Test
    void passesFurtherClaimsThroughButNotTheOnesItSetsItself() throws Exception {
        var tokens = infrastructure.tokens();
        var answer = requestToken(
                "{\"sub\":\"door-1\",\"roles\":[\"staff\"],\"event_ids\":[1,2],\"iss\":\"https://evil.example\"}");
        assertThat(answer.statusCode()).isEqualTo(200);

        var claims = SignedJWT.parse(JsonMapper.builder().build().readTree(answer.body()).get("access_token")
                .asString()).getJWTClaimsSet();
        assertThat(claims.getListClaim("event_ids")).containsExactly(1L, 2L);
        assertThat(claims.getIssuer()).isEqualTo(tokens.issuer());
        assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of("staff"));
    }

    @Test
    void mintsFurtherClaimsInProcess() throws Exception {
        var token = infrastructure.tokens().mint(DevTokenIssuer.Claims.of("door-2", List.of("staff"), null)
                .with("event_ids", List.of(7)));

        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getListClaim("event_ids")).containsExactly(7L);
    }

    @Test
    void publishesDiscoveryPointingAtItsKeys() throws Exception {
        var tokens = infrastructure.tokens();
        var answer = http.send(HttpRequest.newBuilder(URI.create(tokens.issuer() + "/.well-known/openid-configuration"))
                .build(), HttpResponse.BodyHandlers.ofString());
        var body = JsonMapper.builder().build().readTree(answer.body());
        assertThat(body.get("issuer").asString()).isEqualTo(tokens.issuer());
        assertThat(body.get("jwks_uri").asString()).isEqualTo(tokens.jwkSetUri());
    }

    @Test
    void issuesClientCredentialsTokensWhoseScopeBecomesTheRoles() throws Exception {
        var tokens = infrastructure.tokens();
        String basic = java.util.Base64.getEncoder().encodeToString("payment-ledger:dev-secret".getBytes());
        var answer = http.send(HttpRequest.newBuilder(URI.create(tokens.issuer() + "/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=admin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        var claims = SignedJWT.parse(JsonMapper.builder().build().readTree(answer.body()).get("access_token")
                .asString()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("payment-ledger");
        assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of("admin"));

        var wrongGrant = http.send(HttpRequest.newBuilder(URI.create(tokens.issuer() + "/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=x"))
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongGrant.statusCode()).isEqualTo(400);
    }

    @Test
    void rejectsATokenRequestWithoutSubject() throws Exception {
        var answer = requestToken("{\"roles\":[\"user\"]}");
        assertThat(answer.statusCode()).isEqualTo(400);
    }

    /** {@code POST /dev/token} with this JSON body, as a developer's curl would send it. */
    private HttpResponse<String> requestToken(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(infrastructure.tokens().issuer() + "/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forwarderMakesABrokerReachableOnlyWhileOpen() throws Exception {
        var props = new Properties();
        try (var forwarder = TcpForwarder.closed("localhost", infrastructure.kafka().port())) {
            props.put("bootstrap.servers", "localhost:" + forwarder.port());
            props.put("default.api.timeout.ms", "1500");
            props.put("request.timeout.ms", "1000");
            try (var admin = AdminClient.create(props)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.describeCluster().nodes().get())
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
                forwarder.open();
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
        }
    }
}
