package dev.ticketpay.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * A service's own access rules, as a bean: which roles its routes need, ending in {@code anyExchange()}. The
 * common rules and the rest of the chain are {@link ServiceSecurity}'s; a service states only what is its own.
 */
@FunctionalInterface
public interface AccessRules extends Customizer<AuthorizeExchangeSpec> {
}
