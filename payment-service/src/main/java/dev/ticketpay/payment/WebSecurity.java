package dev.ticketpay.payment;

import dev.ticketpay.security.ServiceSecurity;
import dev.ticketpay.web.ErrorAnswers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** Every route needs a JWT except the Stripe webhook, which proves itself with Stripe's signature instead. */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, ErrorAnswers errors) {
        return ServiceSecurity.statelessJwt(http, errors)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(HttpMethod.POST, "/api/v1/payments/webhook").permitAll()
                        .pathMatchers("/internal/ledger", "/internal/ledger/**").hasRole("admin")
                        .anyExchange().authenticated())
                .build();
    }
}
