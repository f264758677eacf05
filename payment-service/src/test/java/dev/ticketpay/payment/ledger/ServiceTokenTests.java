package dev.ticketpay.payment.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import dev.ticketpay.support.DevInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's own token for its timer runs: OAuth2 client credentials, here at the dev issuer. */
class ServiceTokenTests {

    @Test
    void asksTheTokenEndpointForClientCredentialsOnceAndKeepsTheToken() {
        var issuer = DevInfrastructure.shared().tokens();
        var token = new ServiceToken(new LedgerSettings(Duration.ofMinutes(15), Duration.ofDays(7),
                Duration.ofMinutes(5), issuer.issuer() + "/dev/token", "payment-ledger", "dev-secret", "admin"),
                Clock.systemUTC());

        String first = token.get().block(Duration.ofSeconds(10));
        String second = token.get().block(Duration.ofSeconds(10));

        var claims = JsonMapper.builder().build().readTree(
                new String(Base64.getUrlDecoder().decode(first.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("sub").asString()).isEqualTo("payment-ledger");
        assertThat(claims.path("roles").path(0).asString()).isEqualTo("admin");
        assertThat(second).isSameAs(first);
    }

    @Test
    void withoutCredentialsThereIsNoToken() {
        var token = new ServiceToken(new LedgerSettings(Duration.ofMinutes(15), Duration.ofDays(7),
                Duration.ofMinutes(5), null, null, null, "admin"), Clock.systemUTC());

        assertThat(token.get().blockOptional(Duration.ofSeconds(1))).isEmpty();
    }
}
