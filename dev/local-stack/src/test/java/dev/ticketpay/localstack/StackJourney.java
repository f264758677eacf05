package dev.ticketpay.localstack;

import com.stripe.StripeClient;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every journey through the shared stack starts from: the stack (started once per test JVM), its gateway's
 * URL, and stripe-java pointed at its Stripe sandbox to see what Stripe holds.
 */
abstract class StackJourney {

    static LocalStack stack;
    static String gateway;
    static StripeClient stripe;

    @BeforeAll
    static void sharedStack() {
        stack = RunningStack.shared();
        gateway = stack.gatewayUrl();
        stripe = RunningStack.stripe();
    }
}
