package dev.ticketpay.gateway;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryTokenBucketsTests {

    private static final BucketConfiguration TWO_PER_HOUR = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(2).refillGreedy(2, Duration.ofHours(1))).build();

    private final InMemoryTokenBuckets buckets = new InMemoryTokenBuckets();

    @Test
    void grantsTheCapacityThenTellsHowLongUntilTheNextToken() {
        StepVerifier.create(buckets.take("alice", TWO_PER_HOUR)).expectNext(TokenBuckets.Allowance.GRANTED)
                .verifyComplete();
        StepVerifier.create(buckets.take("alice", TWO_PER_HOUR)).expectNext(TokenBuckets.Allowance.GRANTED)
                .verifyComplete();
        StepVerifier.create(buckets.take("alice", TWO_PER_HOUR))
                .assertNext(refused -> {
                    assertThat(refused.granted()).isFalse();
                    // one token back every half hour
                    assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
                })
                .verifyComplete();
        StepVerifier.create(buckets.take("bob", TWO_PER_HOUR)).expectNext(TokenBuckets.Allowance.GRANTED)
                .verifyComplete();
    }

    @Test
    void peekingTakesNoToken() {
        buckets.take("carol", TWO_PER_HOUR).block();
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.peek("carol", TWO_PER_HOUR).block().granted()).isTrue();
        }
        assertThat(buckets.take("carol", TWO_PER_HOUR).block().granted()).isTrue();
        assertThat(buckets.peek("carol", TWO_PER_HOUR).block().granted()).isFalse();
    }

    @Test
    void forgetsOnlyTheBucketsThatAreFull() {
        buckets.take("spent", TWO_PER_HOUR).block();
        buckets.peek("untouched", TWO_PER_HOUR).block();
        assertThat(buckets.size()).isEqualTo(2);

        buckets.forgetFullBuckets();

        assertThat(buckets.size()).isEqualTo(1);
        // the spent bucket was kept: its caller still has one token, not a fresh two
        assertThat(buckets.take("spent", TWO_PER_HOUR).block().granted()).isTrue();
        assertThat(buckets.take("spent", TWO_PER_HOUR).block().granted()).isFalse();
    }
}
