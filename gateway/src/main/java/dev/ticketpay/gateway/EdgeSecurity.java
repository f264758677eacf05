package dev.ticketpay.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.ticketpay.security.VerifiedTokens;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.core.env.Environment;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/**
 * The first JWT check (the services check again). Open: the Stripe webhook (it carries Stripe's signature
 * instead), the QR public key, health, the API documents ({@code /v3/api-docs}, {@code /docs/**}). Closed to everyone: {@code /internal/**} and the other actuator
 * endpoints, which are never routed.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurity {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The leeway on {@code exp} and {@code nbf}, in place of Spring Security's 60-second default. */
    @Bean
    JwtTimestampValidator tokenClockSkew(@Value("${ticketpay.security.clock-skew:30s}") Duration skew) {
        return new JwtTimestampValidator(skew);
    }

    /** A token must name its user: rate limits count by subject, and the services own data by it. */
    @Bean
    JwtClaimValidator<String> tokenSubject() {
        return new JwtClaimValidator<>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank());
    }

    /** The security firewall refused the request (an encoded NUL or other forbidden characters in the path). */
    @Bean
    ServerExchangeRejectedHandler rejectedInTheRoutesShape() {
        return (exchange, e) -> write(exchange, HttpStatus.BAD_REQUEST,
                "The request path contains characters that are not allowed.");
    }

    /**
     * No observation around every security filter, authentication and authorization: on a proxied GET they
     * cost more CPU than the proxying itself, and nothing reads them (the HTTP server's own timing stays).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, with its header rules checked without regular expressions. */
    @Bean
    ServerWebExchangeFirewall firewall() {
        var firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return firewall;
    }

    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, ReactiveJwtDecoder decoder, JwtTimestampValidator clock,
            @Value("${ticketpay.security.token-cache.ttl:5m}") Duration tokenCacheTtl,
            @Value("${ticketpay.security.token-cache.size:10000}") long tokenCacheSize, Environment environment) {
        ReactiveJwtDecoder tokens = tokenCacheTtl.isPositive()
                ? new VerifiedTokens(decoder, clock, tokenCacheTtl, tokenCacheSize) : decoder;
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchange -> exchange
                        // the management port (never public; only health and prometheus are exposed there)
                        .matchers(onManagementPort(environment)).permitAll()
                        .pathMatchers("/internal/**", "/api/internal/**").denyAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").denyAll()
                        .pathMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/payments/webhook").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/qr/public-key").permitAll()
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/docs", "/docs/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth.bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtDecoder(tokens))
                        .authenticationEntryPoint((exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED,
                                "Authentication credentials were not provided or are invalid."))
                        .accessDeniedHandler((exchange, e) -> write(exchange, HttpStatus.FORBIDDEN,
                                "You do not have permission to perform this action.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED,
                                "Authentication credentials were not provided or are invalid."))
                        .accessDeniedHandler((exchange, e) -> write(exchange, HttpStatus.NOT_FOUND, "Not found.")))
                .build();
    }

    /**
     * Requests to the management server, which shares this filter chain: their local port is the one Spring Boot
     * reports as {@code local.management.port} once that server runs.
     */
    static ServerWebExchangeMatcher onManagementPort(Environment environment) {
        return exchange -> {
            Integer management = environment.getProperty("local.management.port", Integer.class);
            var local = exchange.getRequest().getLocalAddress();
            return management != null && local != null && local.getPort() == management
                    ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /** Errors in the shape of the route: {@code {"detail"}} classic, the v1 envelope under {@code /api/v1/}. */
    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        Object body = exchange.getRequest().getPath().value().startsWith("/api/v1/")
                ? Map.of("status", "error", "error", message, "code", status.value(), "details", Map.of())
                : Map.of("detail", message);
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
