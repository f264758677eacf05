package dev.ticketpay.support;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevTokenIssuerMainTests {

    @Test
    void listensOn9000AndNamesTheHostAddressByDefault() {
        assertThat(DevTokenIssuerMain.Settings.from(Map.of()))
                .isEqualTo(new DevTokenIssuerMain.Settings(9000, "http://localhost:9000"));
    }

    @Test
    void tokensNameTheConfiguredIssuerWithoutTrailingSlash() {
        var settings = DevTokenIssuerMain.Settings.from(Map.of("DEV_ISSUER_PORT", "9100",
                "DEV_ISSUER_URL", "http://issuer.example:9100/"));
        assertThat(settings).isEqualTo(new DevTokenIssuerMain.Settings(9100, "http://issuer.example:9100"));
    }

    @Test
    void rejectsAPortThatIsNotANumberNamingTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DevTokenIssuerMain.Settings.from(Map.of("DEV_ISSUER_PORT", "nine")))
                .withMessage("DEV_ISSUER_PORT is not a port number: nine");
    }

    @Test
    void issuesTokensNamingTheConfiguredIssuerWhenBoundToAllInterfaces() throws Exception {
        try (var issuer = DevTokenIssuer.start("0.0.0.0", 0, "http://issuer.example:9000")) {
            var jwt = com.nimbusds.jwt.SignedJWT.parse(issuer.mint("alice", java.util.List.of("user"), null));
            assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("http://issuer.example:9000");
            assertThat(issuer.jwkSetUri()).isEqualTo("http://issuer.example:9000/.well-known/jwks.json");
        }
    }
}
