package dev.ticketpay.payment;

import dev.ticketpay.security.AccessRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Every route needs a JWT except the Stripe webhook, which proves itself with Stripe's signature instead. */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    AccessRules paymentAccess() {
        return exchange -> exchange
                .pathMatchers(HttpMethod.POST, "/api/v1/payments/webhook").permitAll()
                .pathMatchers("/internal/ledger", "/internal/ledger/**").hasRole("admin")
                .anyExchange().authenticated();
    }
}
