package dev.ticketpay.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Buckets in this gateway's memory: right for one instance; several instances each hold their own. A take is one
 * map lookup and one compare-and-set on bucket4j's lock-free bucket, with no allocation beyond its probe.
 */
final class InMemoryTokenBuckets implements TokenBuckets {

    private final Map<String, LocalBucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Mono<Allowance> take(String key, BucketConfiguration limit) {
        var probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
        return Mono.just(Allowance.of(probe.isConsumed(), probe.getNanosToWaitForRefill()));
    }

    @Override
    public Mono<Allowance> peek(String key, BucketConfiguration limit) {
        var probe = bucket(key, limit).estimateAbilityToConsume(1);
        return Mono.just(Allowance.of(probe.canBeConsumed(), probe.getNanosToWaitForRefill()));
    }

    private LocalBucket bucket(String key, BucketConfiguration limit) {
        return buckets.computeIfAbsent(key, k -> newBucket(limit));
    }

    private static LocalBucket newBucket(BucketConfiguration limit) {
        LocalBucketBuilder builder = Bucket.builder();
        for (var bandwidth : limit.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    /**
     * Drops the buckets that refilled to their capacity: a full bucket is the same as a new one, so memory stays
     * bounded by the callers that spent tokens lately.
     */
    @Scheduled(fixedDelay = 60_000)
    void forgetFullBuckets() {
        buckets.entrySet().removeIf(entry -> isFull(entry.getValue()));
    }

    /** Drops every bucket, as if the gateway had just started. */
    void forgetAll() {
        buckets.clear();
    }

    int size() {
        return buckets.size();
    }

    private static boolean isFull(LocalBucket bucket) {
        // each limit here has one bandwidth; its capacity is the most the bucket holds
        return bucket.getAvailableTokens() >= bucket.getConfiguration().getBandwidths()[0].getCapacity();
    }
}
