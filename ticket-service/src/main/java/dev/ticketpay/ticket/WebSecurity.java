package dev.ticketpay.ticket;

import dev.ticketpay.security.AccessRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Every route needs a valid JWT, checked here again even though the gateway checked it: a request that
 * reaches the service directly meets the same rules. Admins manage the catalog.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    AccessRules ticketAccess() {
        return exchange -> exchange
                .pathMatchers(HttpMethod.POST, "/api/events").hasRole("admin")
                .pathMatchers(HttpMethod.PATCH, "/api/events/**").hasRole("admin")
                .pathMatchers("/internal/tickets").hasRole("admin")
                .anyExchange().authenticated();
    }
}
