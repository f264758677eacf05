package dev.ticketpay.security;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers the tokens the decoder verified, by their exact string, so a caller's next request skips the RSA check and
 * the claims parsing: they were most of the gateway's CPU per request, and a sixth of a service's. Only verified
 * tokens are kept; any other string (a tampered signature, another payload) is a different key and goes through the
 * decoder. A remembered token is checked against the clock again on every use, with the same leeway, so it stops
 * working at its expiry exactly as before; it is forgotten then, or after {@code ttl} at the latest (a key removed
 * from the issuer's set stops being honoured by then), and at most {@code maxSize} tokens are kept.
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> clock;
    private final Cache<String, Jwt> verified;

    public VerifiedTokens(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> clock, Duration ttl, long maxSize) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfter(untilExpiryOrAtMost(ttl)).build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        var result = clock.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            return Mono.error(new JwtValidationException("Invalid token: " + result.getErrors().iterator().next()
                    .getDescription(), result.getErrors()));
        }
        return Mono.just(known);
    }

    /** Kept until the token expires (the clock check refuses it from then on anyway), never longer than ttl. */
    private static Expiry<String, Jwt> untilExpiryOrAtMost(Duration ttl) {
        return Expiry.creating((token, jwt) -> {
            Instant expires = jwt.getExpiresAt();
            if (expires == null) {
                return ttl;
            }
            Duration left = Duration.between(Instant.now(), expires);
            return left.isNegative() ? Duration.ZERO : left.compareTo(ttl) < 0 ? left : ttl;
        });
    }
}
