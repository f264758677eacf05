package dev.ticketpay.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
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
        // Netty asks whether zstd is available on a compressing client's first answer (WebClient compresses by
        // default), and the class that answers loads zstd-jni's native library from its jar: once per JVM, as a
        // class is loaded once
        builder.allowBlockingCallsInside("io.netty.handler.codec.compression.Zstd", "<clinit>");
        // the Stripe sandbox stands in for Stripe's servers, which are not ours to audit: its event loops and
        // timer share one lock over its in-memory state
        builder.nonBlockingThreadPredicate(nonBlocking -> nonBlocking.and(thread -> !isStripeSandbox(thread)));
        // a blocking call fails as BlockHound makes it fail, and is written down first: its error may never reach a
        // test (BlockingFindings); writing it down may block, which is the audit's own business
        builder.allowBlockingCallsInside(BlockingFindings.class.getName(), "record");
        builder.blockingMethodCallback(method -> {
            var error = new BlockingOperationError(method);
            BlockingFindings.record(Thread.currentThread(), error);
            throw error;
        });
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
