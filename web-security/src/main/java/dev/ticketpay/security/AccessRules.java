package dev.ticketpay.security;

import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * A service's own access rules, as a bean: which roles its routes need, ending in {@code anyExchange()}. The
 * common rules and the rest of the chain are {@link ServiceSecurity}'s; a service states only what is its own.
 * Not a {@code Customizer} bean: Spring Security applies those to every chain first, before the common rules.
 */
@FunctionalInterface
public interface AccessRules {

    /** Adds the service's rules to the chain's, after the common ones. */
    void addTo(AuthorizeExchangeSpec exchange);
}
