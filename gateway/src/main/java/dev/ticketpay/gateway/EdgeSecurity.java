package dev.ticketpay.gateway;

import dev.ticketpay.security.ServiceSecurity;
import dev.ticketpay.web.ErrorAnswers;
import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/**
 * The first JWT check (the services check again), with the token rules and error answers the services use
 * (web-security). Open: the Stripe webhook (it carries Stripe's signature instead), the QR public key, health, the
 * API documents ({@code /v3/api-docs}, {@code /docs/**}). Closed to everyone: {@code /internal/**} and the other
 * actuator endpoints, which are never routed.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurity {

    /** Spring Security's strict firewall, with its header rules checked without regular expressions. */
    @Bean
    ServerWebExchangeFirewall firewall() {
        var firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return firewall;
    }

    /**
     * {@code decoder}: Spring Boot's, with the shared token rules and the verified-token memory of web-security
     * ({@link dev.ticketpay.security.TokenRules}).
     */
    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, ReactiveJwtDecoder decoder, ErrorAnswers errors,
            ManagementPort managementPort) {
        return ServiceSecurity.stateless(http)
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchange -> exchange
                        // the management port (never public; only health and prometheus are exposed there)
                        .matchers(managementPort).permitAll()
                        .pathMatchers("/internal/**", "/api/internal/**").denyAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/**").denyAll()
                        .pathMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/payments/webhook").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/qr/public-key").permitAll()
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/docs", "/docs/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth.bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(errors::unauthorized)
                        .accessDeniedHandler(errors::forbidden))
                // a route closed to everyone is answered as if it did not exist
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(errors::unauthorized)
                        .accessDeniedHandler((exchange, e) -> ErrorAnswers.write(exchange, HttpStatus.NOT_FOUND,
                                "Not found.")))
                .build();
    }

    @Bean
    static ManagementPort managementPort() {
        return new ManagementPort();
    }

    /**
     * Requests to the management server, which shares this filter chain: their local port is the one that server
     * reported when it started (Spring Boot's {@link WebServerInitializedEvent} of the "management" server). Kept
     * here once, not looked up in the {@link org.springframework.core.env.Environment} on every request: that
     * look-up walks every property source and was 2.4% of the gateway's CPU on a proxied request. Without a
     * management server of its own nothing matches.
     */
    static final class ManagementPort
            implements ServerWebExchangeMatcher, ApplicationListener<WebServerInitializedEvent> {

        private volatile int port = -1;

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if (WebServerApplicationContext.hasServerNamespace(event.getApplicationContext(), "management")) {
                port = event.getWebServer().getPort();
            }
        }

        @Override
        public Mono<MatchResult> matches(ServerWebExchange exchange) {
            var local = exchange.getRequest().getLocalAddress();
            return local != null && local.getPort() == port ? MatchResult.match() : MatchResult.notMatch();
        }
    }
}
