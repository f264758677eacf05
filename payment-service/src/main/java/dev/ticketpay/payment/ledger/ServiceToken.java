package dev.ticketpay.payment.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The ledger's own access token for its timer runs, when nobody's token can be relayed: OAuth2 client credentials
 * (RFC 6749 §4.4) at {@code LEDGER_TOKEN_URI}, kept until a minute before it expires. Empty when no credentials
 * are configured.
 */
@Component
class ServiceToken {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration EARLY = Duration.ofMinutes(1);

    private final LedgerSettings settings;
    private final WebClient http = WebClient.create();
    private final Clock clock;
    private volatile Token cached;

    private record Token(String value, Instant renewAt) {
    }

    ServiceToken(LedgerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Mono<String> get() {
        if (!settings.hasServiceCredentials()) {
            return Mono.empty();
        }
        Token token = cached;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return Mono.just(token.value());
        }
        return http.post().uri(settings.tokenUri())
                .headers(headers -> headers.setBasicAuth(settings.clientId(), settings.clientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", settings.scope()))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(Duration.ofSeconds(10))
                .map(body -> {
                    JsonNode answer = JSON.readTree(body);
                    String value = answer.path("access_token").asString(null);
                    if (value == null) {
                        throw new IllegalStateException("the token endpoint answered no access_token");
                    }
                    long expiresIn = answer.path("expires_in").asLong(300);
                    cached = new Token(value, clock.instant().plusSeconds(expiresIn).minus(EARLY));
                    return value;
                });
    }
}
