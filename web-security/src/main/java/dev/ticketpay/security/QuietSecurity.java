package dev.ticketpay.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No observation around every security filter, authentication and authorization, at the gateway and in every
 * service: per request they cost more CPU than they tell (on a proxied GET, more than the proxying itself), and
 * nothing reads them; the HTTP server's own timing stays.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class QuietSecurity {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
