package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway instance, through bucket4j's Lettuce integration (compare-and-swap on
 * one key per caller, asynchronous: no event-loop thread waits for Redis). A bucket's key expires once it has
 * refilled, so Redis forgets idle callers by itself. The connection is opened on first use and again after a
 * failed attempt, so the gateway starts, and lets requests through, while Redis is away.
 */
final class RedisTokenBuckets implements TokenBuckets, AutoCloseable {

    private static final String PREFIX = "ticketpay:rate-limit:";
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<Connected>> connected = new AtomicReference<>();

    /** {@code resources}: the event loops Spring Boot's Lettuce client already runs, shared rather than doubled. */
    RedisTokenBuckets(RedisURI uri, ClientResources resources) {
        this.uri = uri;
        this.client = RedisClient.create(resources);
        // while disconnected, commands fail at once (the request passes) instead of queueing until Redis is back
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }

    @Override
    public Mono<Allowance> take(String key, BucketConfiguration limit) {
        return buckets().flatMap(buckets -> Mono.fromFuture(buckets.builder().build(PREFIX + key, limit)
                        .tryConsumeAndReturnRemaining(1)))
                .map(probe -> Allowance.of(probe.isConsumed(), probe.getNanosToWaitForRefill()));
    }

    @Override
    public Mono<Allowance> peek(String key, BucketConfiguration limit) {
        return buckets().flatMap(buckets -> Mono.fromFuture(buckets.builder().build(PREFIX + key, limit)
                        .estimateAbilityToConsume(1)))
                .map(probe -> Allowance.of(probe.canBeConsumed(), probe.getNanosToWaitForRefill()));
    }

    private Mono<AsyncProxyManager<String>> buckets() {
        return Mono.defer(() -> {
            var current = connected.get();
            if (current == null || current.isCompletedExceptionally()) {
                var attempt = client.connectAsync(CODEC, uri).toCompletableFuture().thenApply(Connected::new);
                if (!connected.compareAndSet(current, attempt)) {
                    attempt.thenAccept(Connected::close);
                }
            }
            // shared by every request: one request's timeout must not cancel the connection attempt
            return Mono.fromFuture(connected.get(), true).map(Connected::buckets);
        });
    }

    @Override
    public void close() {
        var current = connected.get();
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            current.join().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private record Connected(StatefulRedisConnection<String, byte[]> connection,
            AsyncProxyManager<String> buckets) {

        Connected(StatefulRedisConnection<String, byte[]> connection) {
            this(connection, Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build().asAsync());
        }

        void close() {
            connection.close();
        }
    }
}
