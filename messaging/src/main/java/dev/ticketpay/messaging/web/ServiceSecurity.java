package dev.ticketpay.messaging.web;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * What every service's security has in common: stateless JWT resource server (issuer, audience, signature
 * and roles configured in {@code ticketpay-service-defaults.yml}), health open for probes, errors in the
 * route's shape, dead-letter operations for admins. A service adds its own route rules and builds the chain.
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
                // the operators' dead-letter endpoints, on the service's own port only
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/internal/dead-letters", "/internal/dead-letters/**").hasRole("admin"));
    }

    private ServiceSecurity() {
    }
}
