package dev.ticketpay.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory's rules, in front of a decoder that only counts its calls. */
class VerifiedTokensTests {

    final Instant now = Instant.now();
    final AtomicInteger decoded = new AtomicInteger();
    final ReactiveJwtDecoder decoder = token -> {
        decoded.incrementAndGet();
        return token.startsWith("bad") ? Mono.error(new BadJwtException("bad signature"))
                : Mono.just(jwt(token, now.plusSeconds(token.startsWith("short") ? 60 : 600)));
    };
    final JwtTimestampValidator clock = new JwtTimestampValidator(Duration.ZERO);

    @Test
    void decodesAVerifiedTokenOnce() {
        var tokens = new VerifiedTokens(decoder, clock, Duration.ofMinutes(5), 100);

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(tokens.decode("good")).expectNextCount(1).verifyComplete();
        }
        StepVerifier.create(tokens.decode("good2")).expectNextCount(1).verifyComplete();
        assertThat(decoded).hasValue(2);
    }

    @Test
    void neverRemembersARefusal() {
        var tokens = new VerifiedTokens(decoder, clock, Duration.ofMinutes(5), 100);

        StepVerifier.create(tokens.decode("bad")).expectError(BadJwtException.class).verify();
        StepVerifier.create(tokens.decode("bad")).expectError(BadJwtException.class).verify();
        assertThat(decoded).hasValue(2);
    }

    @Test
    void refusesARememberedTokenOnceItExpired() {
        clock.setClock(Clock.fixed(now, java.time.ZoneOffset.UTC));
        var tokens = new VerifiedTokens(decoder, clock, Duration.ofMinutes(5), 100);
        StepVerifier.create(tokens.decode("short")).expectNextCount(1).verifyComplete();

        // still in the memory (it keeps a token until its expiry by the real clock), but past it by the validator's
        clock.setClock(Clock.fixed(now.plusSeconds(61), java.time.ZoneOffset.UTC));
        StepVerifier.create(tokens.decode("short")).expectError(JwtValidationException.class).verify();
    }

    private static Jwt jwt(String token, Instant expires) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(expires.minusSeconds(3600))
                .expiresAt(expires).build();
    }
}
