package dev.ticketpay.gateway;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Where the token buckets live, by {@code ticketpay.rate-limit.store}: {@code memory} (the default; one gateway
 * instance) or {@code redis} (several instances share one bucket per caller; Redis from
 * {@code spring.data.redis.*}, read from the connection factory Spring Boot configured from them).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStore {

    private static final String STORE = "ticketpay.rate-limit.store";

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    InMemoryTokenBuckets inMemoryTokenBuckets() {
        return new InMemoryTokenBuckets();
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    RedisTokenBuckets redisTokenBuckets(LettuceConnectionFactory redis, ClientResources resources,
            RateLimitSettings settings) {
        var standalone = redis.getStandaloneConfiguration();
        var uri = RedisURI.builder()
                .withHost(standalone.getHostName())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withSsl(redis.isUseSsl())
                .withTimeout(settings.storeTimeout());
        standalone.getPassword().toOptional().ifPresent(password -> {
            if (standalone.getUsername() != null) {
                uri.withAuthentication(standalone.getUsername(), password);
            }
            else {
                uri.withPassword(password);
            }
        });
        return new RedisTokenBuckets(uri.build(), resources);
    }
}
