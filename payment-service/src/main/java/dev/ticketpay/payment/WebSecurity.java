package dev.ticketpay.payment;

import dev.ticketpay.web.ErrorAnswers;
import dev.ticketpay.security.ServiceSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** Every route needs a JWT except the Stripe webhook, which proves itself with Stripe's signature instead. */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    /** No observation around every security filter and decision: per request they cost more than they tell. */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, ErrorAnswers errors) {
        return ServiceSecurity.statelessJwt(http, errors)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/payments/webhook").permitAll()
                        .pathMatchers("/internal/ledger", "/internal/ledger/**").hasRole("admin")
                        .anyExchange().authenticated())
                .build();
    }
}
