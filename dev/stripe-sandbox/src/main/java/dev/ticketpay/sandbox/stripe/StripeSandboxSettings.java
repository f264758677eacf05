package dev.ticketpay.sandbox.stripe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link StripeSandbox} runs. Defaults suit the local stack (port 12111, Stripe-like retry
 * backoff); tests usually take port 0 and short backoff/sweep intervals so nothing waits long.
 *
 * @param port TCP port, 0 for a random free one
 * @param webhookSecret the {@code whsec_…} secret webhook signatures are computed with
 * @param publicBaseUrl base of the hosted checkout links put into session {@code url}s; {@code null}
 *     means {@code http://localhost:<port>}
 * @param webhookEndpoints endpoints every event is delivered to from the start
 * @param webhookRetryBackoff delay before the first retry of a failed delivery; it doubles per attempt
 * @param webhookMaxBackoff upper bound of the doubled delay
 * @param webhookMaxAttempts attempts per event and endpoint, the first one included
 * @param webhookTimeout how long a delivery may take before it counts as failed
 * @param expirySweepInterval how often open sessions past {@code expires_at} are expired
 */
public record StripeSandboxSettings(
        int port,
        String webhookSecret,
        String publicBaseUrl,
        List<String> webhookEndpoints,
        Duration webhookRetryBackoff,
        Duration webhookMaxBackoff,
        int webhookMaxAttempts,
        Duration webhookTimeout,
        Duration expirySweepInterval) {

    /** The port the local stack and {@code STRIPE_SANDBOX_PORT} default to. */
    public static final int DEFAULT_PORT = 12111;

    /** A fixed development secret so the local stack works without configuration; never a real one. */
    public static final String DEFAULT_WEBHOOK_SECRET = "whsec_ticketpaySandboxDevSecret0123456789";

    public StripeSandboxSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        if (!webhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("webhookSecret must start with whsec_");
        }
        webhookEndpoints = List.copyOf(webhookEndpoints == null ? List.of() : webhookEndpoints);
        requirePositive(webhookRetryBackoff, "webhookRetryBackoff");
        requirePositive(webhookMaxBackoff, "webhookMaxBackoff");
        requirePositive(webhookTimeout, "webhookTimeout");
        requirePositive(expirySweepInterval, "expirySweepInterval");
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("webhookMaxAttempts must be at least 1");
        }
        if (publicBaseUrl != null && publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    /** Settings as the local stack uses them. */
    public static StripeSandboxSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings for tests: random port, 50 ms retry backoff, 50 ms expiry sweep. */
    public static Builder forTests() {
        Builder b = builder().port(0).webhookTimeout(Duration.ofSeconds(2));
        b.webhookRetryBackoff = Duration.ofMillis(50);
        b.webhookMaxBackoff = Duration.ofMillis(400);
        b.expirySweepInterval = Duration.ofMillis(50);
        return b;
    }

    /** Mutable builder; every setter returns {@code this}. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String webhookSecret = DEFAULT_WEBHOOK_SECRET;
        private String publicBaseUrl;
        private List<String> webhookEndpoints = new ArrayList<>();
        // Stripe retries for days with growing gaps; locally a first retry after 5 s doubling to 10 min
        // gives a restarted payment-service its events soon without hammering it.
        private Duration webhookRetryBackoff = Duration.ofSeconds(5);
        private Duration webhookMaxBackoff = Duration.ofMinutes(10);
        private int webhookMaxAttempts = 12;
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private Duration expirySweepInterval = Duration.ofSeconds(1);

        private Builder() {}

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        public Builder publicBaseUrl(String publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl;
            return this;
        }

        public Builder webhookEndpoints(List<String> endpoints) {
            this.webhookEndpoints = new ArrayList<>(endpoints);
            return this;
        }

        public Builder addWebhookEndpoint(String url) {
            this.webhookEndpoints.add(url);
            return this;
        }

        public Builder webhookMaxAttempts(int attempts) {
            this.webhookMaxAttempts = attempts;
            return this;
        }

        public Builder webhookTimeout(Duration timeout) {
            this.webhookTimeout = timeout;
            return this;
        }

        public StripeSandboxSettings build() {
            return new StripeSandboxSettings(
                    port,
                    webhookSecret,
                    publicBaseUrl,
                    webhookEndpoints,
                    webhookRetryBackoff,
                    webhookMaxBackoff,
                    webhookMaxAttempts,
                    webhookTimeout,
                    expirySweepInterval);
        }
    }
}
