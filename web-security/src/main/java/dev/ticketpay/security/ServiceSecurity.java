package dev.ticketpay.security;

import dev.ticketpay.web.ErrorAnswers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * What every service's security has in common: stateless JWT resource server (issuer, audience, signature
 * and roles configured in {@code ticketpay-service-defaults.yml}, further rules in {@link TokenRules}), errors in
 * the route's shape, health and metrics open for probes and the scraper, dead-letter operations for admins, the
 * OpenAPI document ({@code /v3/api-docs}) open. A service declares its own rules as an {@link AccessRules} bean,
 * and the chain is built here; before Spring Boot's own security configurations, which then back off.
 */
@AutoConfiguration(before = {ReactiveWebSecurityAutoConfiguration.class,
        ReactiveManagementWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(AccessRules.class)
public class ServiceSecurity {

    @Bean
    SecurityWebFilterChain serviceSecurity(ServerHttpSecurity http, ErrorAnswers errors, AccessRules rules) {
        return statelessJwt(http, errors).authorizeExchange(rules::addTo).build();
    }

    /** The common part, to which the service's {@link AccessRules} are added. */
    static ServerHttpSecurity statelessJwt(ServerHttpSecurity http, ErrorAnswers errors) {
        return stateless(http)
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> { })
                        .authenticationEntryPoint(errors::unauthorized)
                        .accessDeniedHandler(errors::forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(errors::unauthorized)
                        .accessDeniedHandler(errors::forbidden))
                // the operators' dead-letter endpoints, on the service's own port only; the API document is open
                // (the gateway fetches it to serve the combined one)
                .authorizeExchange(exchange -> exchange
                        // probes and the metrics scraper, on the service's port or the management port
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .pathMatchers("/internal/dead-letters", "/internal/dead-letters/**").hasRole("admin")
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs").permitAll());
    }

    /**
     * No session, no cookie-borne login and so no CSRF token: every request carries its bearer token. The gateway
     * starts its chain from here too.
     */
    public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable);
    }
}
