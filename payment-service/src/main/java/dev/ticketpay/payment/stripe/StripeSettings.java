package dev.ticketpay.payment.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment-service talks to Stripe. The secrets come from the environment ({@code STRIPE_SECRET_KEY},
 * {@code STRIPE_WEBHOOK_SECRET}) and are never logged: {@link #toString()} masks them.
 *
 * @param secretKey API key stripe-java authenticates with
 * @param webhookSecret the {@code whsec_…} secret webhook signatures are checked against
 * @param apiBase Stripe's API, or the sandbox's in the local stack and tests ({@code STRIPE_API_BASE})
 * @param frontendUrl where Checkout sends the buyer back to ({@code FRONTEND_URL})
 * @param requestTimeout connect and read timeout of one HTTP request to Stripe
 * @param maxNetworkRetries stripe-java's own retries of one call (connection errors, 409, 5xx); they bypass the
 *        rate limiter, so the default is none and our own attempts, which wait for their turn, retry instead
 * @param callAttempts our attempts of a call that stayed unavailable (connection errors, timeouts, 409, 5xx); a 429
 *        is not counted: it waits a pause and tries again
 * @param rateLimit how fast this instance may call Stripe
 * @param retryBackoff first pause between our attempts; doubles each time
 * @param webhookTolerance how old a webhook signature's timestamp may be
 * @param eventSweepInterval how often stored webhook events that are still unprocessed are looked at
 * @param reconcileInterval how often recent events are listed at Stripe to heal lost webhooks; zero turns it off
 * @param reconcileLookback how far back that listing reaches
 */
@ConfigurationProperties("ticketpay.stripe")
public record StripeSettings(
        String secretKey,
        String webhookSecret,
        @DefaultValue("https://api.stripe.com") String apiBase,
        @DefaultValue("http://localhost:5173") String frontendUrl,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("0") int maxNetworkRetries,
        @DefaultValue("5") int callAttempts,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("300s") Duration webhookTolerance,
        @DefaultValue("5s") Duration eventSweepInterval,
        @DefaultValue("60s") Duration reconcileInterval,
        @DefaultValue("1h") Duration reconcileLookback,
        @DefaultValue RateLimit rateLimit) {

    /** The sandbox's development secrets; fine locally, never acceptable against real Stripe. */
    static final String SANDBOX_SECRET_KEY = "sk_test_ticketpay_sandbox";
    static final String SANDBOX_WEBHOOK_SECRET = "whsec_ticketpaySandboxDevSecret0123456789";

    public StripeSettings {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("ticketpay.stripe.secret-key (STRIPE_SECRET_KEY) is required");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("ticketpay.stripe.webhook-secret (STRIPE_WEBHOOK_SECRET) is required");
        }
        // The development defaults are public; pointing them at real Stripe would accept forged webhooks.
        if (apiBase.contains("api.stripe.com")
                && (secretKey.equals(SANDBOX_SECRET_KEY) || webhookSecret.equals(SANDBOX_WEBHOOK_SECRET))) {
            throw new IllegalArgumentException("STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set when "
                    + "STRIPE_API_BASE is Stripe itself; the sandbox defaults only work with the sandbox");
        }
        if (callAttempts < 1) {
            throw new IllegalArgumentException("ticketpay.stripe.call-attempts must be at least 1");
        }
        rateLimit = (rateLimit != null ? rateLimit : new RateLimit(null, null, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(30))).forKey(secretKey);
        apiBase = withoutTrailingSlash(apiBase);
        frontendUrl = withoutTrailingSlash(frontendUrl);
    }

    /**
     * Stripe's rate limits for one instance ({@code ticketpay.stripe.rate-limit.*}). Unset rates are Stripe's
     * documented ones (https://docs.stripe.com/rate-limits): 100 requests a second overall in live mode (a
     * {@code sk_live_} or {@code rk_live_} key), 25 in test mode, and 25 a second for each endpoint. Several
     * instances share the account's limits: give each its share.
     *
     * @param overall requests a second to Stripe, all endpoints together ({@code STRIPE_RATE_LIMIT})
     * @param perEndpoint requests a second to one endpoint ({@code STRIPE_ENDPOINT_RATE_LIMIT})
     * @param maxWait how long a buyer's request (the payments API v1) may wait for its turn before it is answered
     *        503 with {@code Retry-After} instead ({@code STRIPE_MAX_QUEUE_WAIT})
     * @param backoff the pause after Stripe answers 429; it doubles while 429s go on
     * @param maxBackoff the longest such pause
     */
    public record RateLimit(Integer overall, Integer perEndpoint, @DefaultValue("5s") Duration maxWait,
            @DefaultValue("1s") Duration backoff, @DefaultValue("30s") Duration maxBackoff) {

        /**
         * Calls are spaced a tenth more than the rate asks: Stripe counts arrivals, and the network may delay one
         * request more than the next, so our "second" is 1.1 s long.
         */
        private static final double HEADROOM = 1.1;

        public RateLimit {
            if ((overall != null && overall < 1) || (perEndpoint != null && perEndpoint < 1)) {
                throw new IllegalArgumentException("ticketpay.stripe.rate-limit.overall and .per-endpoint must be "
                        + "at least 1 request a second");
            }
            if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("ticketpay.stripe.rate-limit.backoff must be positive and at "
                        + "most max-backoff");
            }
        }

        /** Stripe's documented limits for the key's mode, where none are configured. */
        RateLimit forKey(String secretKey) {
            boolean live = secretKey.startsWith("sk_live_") || secretKey.startsWith("rk_live_");
            return new RateLimit(overall != null ? overall : live ? 100 : 25, perEndpoint != null ? perEndpoint : 25,
                    maxWait, backoff, maxBackoff);
        }

        Duration overallInterval() {
            return interval(overall);
        }

        Duration endpointInterval() {
            return interval(perEndpoint);
        }

        private static Duration interval(int perSecond) {
            return Duration.ofNanos((long) Math.ceil(HEADROOM * 1_000_000_000L / perSecond));
        }
    }

    public boolean reconciles() {
        return !reconcileInterval.isZero() && !reconcileInterval.isNegative();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "StripeSettings[apiBase=" + apiBase + ", frontendUrl=" + frontendUrl + ", secretKey=***"
                + ", webhookSecret=***, requestTimeout=" + requestTimeout + ", maxNetworkRetries=" + maxNetworkRetries
                + ", callAttempts=" + callAttempts + ", reconcileInterval=" + reconcileInterval
                + ", rateLimit=" + rateLimit + "]";
    }
}
