package dev.ticketpay.qr;

import dev.ticketpay.security.AccessRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Owners fetch their QR codes with a JWT; staff (and admins) check tickets in; the public key for offline
 * scanners is open to anyone.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    AccessRules qrAccess() {
        return exchange -> exchange
                .pathMatchers("/api/qr/public-key").permitAll()
                .pathMatchers("/api/check-ins", "/api/check-ins/**").hasAnyRole("staff", "admin")
                .anyExchange().authenticated();
    }
}
