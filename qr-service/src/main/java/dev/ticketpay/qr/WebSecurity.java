package dev.ticketpay.qr;

import dev.ticketpay.security.ServiceSecurity;
import dev.ticketpay.web.ErrorAnswers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Owners fetch their QR codes with a JWT; staff (and admins) check tickets in; the public key for offline
 * scanners is open to anyone.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, ErrorAnswers errors) {
        return ServiceSecurity.statelessJwt(http, errors)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/api/qr/public-key").permitAll()
                        .pathMatchers("/api/check-ins", "/api/check-ins/**").hasAnyRole("staff", "admin")
                        .anyExchange().authenticated())
                .build();
    }
}
