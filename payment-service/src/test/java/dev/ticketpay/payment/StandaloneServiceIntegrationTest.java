package dev.ticketpay.payment;

import dev.ticketpay.sandbox.stripe.StripeSandbox;
import dev.ticketpay.sandbox.stripe.StripeSandboxSettings;
import dev.ticketpay.support.OnDevInfrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * payment-service on its own, for what it answers without anybody's events: readiness, token rules, its API
 * document. Kafka listeners off (the test default) and Stripe at a sandbox with the sandbox's development secrets,
 * which are the service's defaults and only accepted off real Stripe. The test classes that extend this share one
 * context; the sandbox lives as long as the JVM, as that context does.
 */
@OnDevInfrastructure("payments")
abstract class StandaloneServiceIntegrationTest extends PaymentServiceIntegration {

    static final StripeSandbox stripe = sandbox(StripeSandboxSettings.DEFAULT_WEBHOOK_SECRET);

    @DynamicPropertySource
    static void defaultStripe(DynamicPropertyRegistry registry) {
        stripeAt(registry, stripe);
    }
}
