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
    }
}
