package dev.ticketpay.gateway;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Where request counts live, by {@code ticketpay.rate-limit.store}: {@code memory} (the default; one gateway
 * instance) or {@code redis} (several instances share one budget per caller; Redis from
 * {@code spring.data.redis.*}).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStore {

    private static final String STORE = "ticketpay.rate-limit.store";

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    InMemoryWindowCounts inMemoryWindowCounts(RateLimitSettings settings) {
        return new InMemoryWindowCounts(Clock.systemUTC(), settings.window());
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    RedisWindowCounts redisWindowCounts(ReactiveStringRedisTemplate redis) {
        return new RedisWindowCounts(redis);
    }
}
