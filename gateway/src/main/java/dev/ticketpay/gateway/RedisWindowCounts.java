package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts in Redis, shared by every gateway instance: one atomic script per request increments the caller's key
 * for this window and gives a new key its expiry, so Redis forgets past windows by itself.
 */
final class RedisWindowCounts implements WindowCounts {

    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return count
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;

    RedisWindowCounts(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Long> increment(String key, long windowStart, Duration window) {
        // kept a little past the window's end, so gateways whose clocks differ slightly still share the key
        String expiry = Long.toString(window.toMillis() * 2);
        return redis.execute(INCREMENT, List.of(redisKey(key, windowStart)), List.of(expiry)).next();
    }

    @Override
    public Mono<Long> current(String key, long windowStart) {
        return redis.opsForValue().get(redisKey(key, windowStart)).map(Long::parseLong).defaultIfEmpty(0L);
    }

    private static String redisKey(String key, long windowStart) {
        return "ticketpay:rate-limit:" + key + ":" + windowStart;
    }
}
