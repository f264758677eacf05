package dev.ticketpay.security;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The token rules the gateway and every service apply alike, added to Spring Boot's JWT decoder (whose issuer,
 * audience, key set and {@code roles} claim come from {@code spring.security.oauth2.resourceserver.jwt}): the
 * leeway on {@code exp} and {@code nbf} ({@code ticketpay.security.clock-skew}, 30 s, in place of Spring
 * Security's 60-second default), a subject, which names the owner of tickets, orders and payments and what rate
 * limits count by, and the memory of verified tokens.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.JwtTimestampValidator")
public class TokenRules {

    @Bean
    JwtTimestampValidator tokenClockSkew(@Value("${ticketpay.security.clock-skew:30s}") Duration skew) {
        return new JwtTimestampValidator(skew);
    }

    @Bean
    JwtClaimValidator<String> tokenSubject() {
        return new JwtClaimValidator<>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank());
    }

    /**
     * Spring Boot's JWT decoder, wrapped so that a verified token is remembered ({@link VerifiedTokens}) for
     * {@code ticketpay.security.token-cache.ttl} (5 min; 0 turns it off), at most
     * {@code ticketpay.security.token-cache.size} of them: at the gateway a token is checked on every request of a
     * session, and in a service the gateway checked it already; checking it again was a sixth of a service's CPU
     * on a read. A remembered token still expires on time.
     */
    @Bean
    static BeanPostProcessor rememberVerifiedTokens(ObjectProvider<JwtTimestampValidator> clock,
            Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof ReactiveJwtDecoder decoder) || bean instanceof VerifiedTokens) {
                    return bean;
                }
                Duration ttl = environment.getProperty("ticketpay.security.token-cache.ttl", Duration.class,
                        Duration.ofMinutes(5));
                if (!ttl.isPositive()) {
                    return bean;
                }
                return new VerifiedTokens(decoder, clock.getObject(), ttl,
                        environment.getProperty("ticketpay.security.token-cache.size", Long.class, 10_000L));
            }
        };
    }
}
