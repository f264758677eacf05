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
 * @param maxNetworkRetries stripe-java's own retries of one call (connection errors, 409, 5xx)
 * @param callAttempts our attempts of a call that stayed unavailable after stripe-java's retries
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
        @DefaultValue("2") int maxNetworkRetries,
        @DefaultValue("3") int callAttempts,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("300s") Duration webhookTolerance,
        @DefaultValue("5s") Duration eventSweepInterval,
        @DefaultValue("60s") Duration reconcileInterval,
        @DefaultValue("1h") Duration reconcileLookback) {

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
        apiBase = withoutTrailingSlash(apiBase);
        frontendUrl = withoutTrailingSlash(frontendUrl);
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
                + ", callAttempts=" + callAttempts + ", reconcileInterval=" + reconcileInterval + "]";
    }
}
