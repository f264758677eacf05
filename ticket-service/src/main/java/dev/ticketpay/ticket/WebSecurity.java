package dev.ticketpay.ticket;

import dev.ticketpay.security.ServiceSecurity;
import dev.ticketpay.web.ErrorAnswers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Every route needs a valid JWT, checked here again even though the gateway checked it: a request that
 * reaches the service directly meets the same rules. Admins manage the catalog.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, ErrorAnswers errors) {
        return ServiceSecurity.statelessJwt(http, errors)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(HttpMethod.POST, "/api/events").hasRole("admin")
                        .pathMatchers(HttpMethod.PATCH, "/api/events/**").hasRole("admin")
                        .pathMatchers("/internal/tickets").hasRole("admin")
                        .anyExchange().authenticated())
                .build();
    }
}
