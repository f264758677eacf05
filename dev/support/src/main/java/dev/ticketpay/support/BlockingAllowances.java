package dev.ticketpay.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The calls BlockHound lets through on non-blocking threads (event loops, Reactor's parallel workers) when the
 * {@code blockhound} Maven profile installs it for a test run; everything else that blocks there fails the call
 * with {@code BlockingOperationError}. Each allowance says why the call does not really wait.
 */
public final class BlockingAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // a read of /dev/urandom (NativePRNG), which never waits once the kernel's pool is seeded at boot;
        // UUID.randomUUID and SecureRandom.nextInt come through here too
        builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes");
        // Jackson builds a type's deserializer once, under a lock: a second thread asking for the same type in
        // that instant parks until it is built, then never again
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        // Netty's buffer allocator: when event loops contend for a magazine it doubles their number once and
        // frees the old ones, each under its allocation lock for a few instructions (Netty's own integration lets
        // the same kind of lock of its older allocator, PoolArena's, through)
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        // the Stripe sandbox stands in for Stripe's servers, which are not ours to audit: its event loops and
        // timer share one lock over its in-memory state
        builder.nonBlockingThreadPredicate(nonBlocking -> nonBlocking.and(thread -> !isStripeSandbox(thread)));
    }

    /** After every other integration, so that the sandbox's threads stay allowed whatever marked them. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    private static boolean isStripeSandbox(Thread thread) {
        return thread.getName().startsWith("stripe-sandbox-");
    }
}
