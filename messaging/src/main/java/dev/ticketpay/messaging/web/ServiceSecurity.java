package dev.ticketpay.messaging.web;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * What every service's security has in common: stateless JWT resource server (issuer, audience, signature
 * and roles configured in {@code ticketpay-service-defaults.yml}), health open for probes, errors in the
 * route's shape, dead-letter operations for admins, the OpenAPI document ({@code /v3/api-docs}) open. A service adds its own route rules and builds the chain.
 */
public final class ServiceSecurity {

    /** The common part; the caller adds {@code authorizeExchange} rules ending in {@code anyExchange()}. */
    public static ServerHttpSecurity statelessJwt(ServerHttpSecurity http, ErrorAnswers errors) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> { })
                        .authenticationEntryPoint(errors::unauthorized)
                        .accessDeniedHandler(errors::forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(errors::unauthorized)
                        .accessDeniedHandler(errors::forbidden))
                // the operators' dead-letter endpoints, on the service's own port only; the API document is open
                // (the gateway fetches it to serve the combined one)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/internal/dead-letters", "/internal/dead-letters/**").hasRole("admin")
                        .pathMatchers(org.springframework.http.HttpMethod.GET, "/v3/api-docs").permitAll());
    }

    private ServiceSecurity() {
    }
}
