package dev.ticketpay.gateway;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's hand-written checks say exactly what the expressions they replace say: Spring Security's bearer
 * token and header rules, and what stripe-java can verify in a {@code Stripe-Signature}.
 */
class EdgeChecksTests {

    /**
     * Spring Security's own expressions (ServerBearerTokenAuthenticationConverter, StrictServerWebExchangeFirewall).
     */
    static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);
    static final Pattern HEADER_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def-ghi_jkl~mno+pqr/stu==", "bearer abc", "BEARER a=", "Bearer ", "Bearer",
            "Bearer =abc", "Bearer a b", "Bearer a\n", "Bearer a=b", "Basic abc", "Bearerabc", "Bearer  abc",
            "Bearer é", ""})
    void takesABearerTokenOnlyWhereSpringSecuritysExpressionDoes(String authorization) {
        var matcher = BEARER.matcher(authorization);
        String token = BearerTokens.plainBearerToken(authorization);
        if (token != null) {
            assertThat(matcher.matches()).isTrue();
            assertThat(token).isEqualTo(matcher.group("token"));
        }
        else {
            // left to Spring Security's own converter, which refuses it or finds no token, as before
            assertThat(matcher.matches()).isFalse();
        }
    }

    @Test
    void checksHeaderCharactersAsTheFirewallsExpressions() {
        var random = new Random(7);
        var samples = new java.util.ArrayList<>(List.of("", "plain", "tab\there", "nul\0", "bell\u0007", "del\u007f",
                "é ü 日本", "\ud83d\ude00", "lone \ud800 surrogate", "unassigned \u0378", "nel\u0085", "line\u2028"));
        for (int i = 0; i < 2000; i++) {
            var text = new StringBuilder();
            for (int j = random.nextInt(6); j > 0; j--) {
                text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x300));
            }
            samples.add(text.toString());
        }
        for (String text : samples) {
            assertThat(HeaderCharacters.allowedName(text)).as(text).isEqualTo(HEADER_NAME.matcher(text).matches());
            assertThat(HeaderCharacters.allowedValue(text)).as(text).isEqualTo(HEADER_VALUE.matcher(text).matches());
        }
        assertThat(HeaderCharacters.allowedValue(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"t=1700000000,v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "t=1,v0=x,v1=0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef,v1=zz",
            "v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,t=5",
            "t=1,t=x,v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void forwardsSignaturesStripeCouldVerify(String signature) {
        assertThat(RateLimits.verifiable(signature)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "t=1,v1=abc", "t=1",
            "v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "t=x,v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "t=x,t=1,v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "t=1,v0=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "garbage"})
    void refusesSignaturesNothingCouldVerify(String signature) {
        assertThat(RateLimits.verifiable(signature)).isFalse();
    }
}
