package dev.ticketpay.localstack;

import java.util.Map;

import com.stripe.StripeClient;
import dev.ticketpay.localstack.RunningStack.Answer;
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

    /** The seed's purchase, {@code POST /api/payments/create-payment-intent/}, by {@code token}'s holder. */
    static Answer purchase(String token, long event, int quantity) {
        return purchaseWithKey(token, null, event, quantity);
    }

    /** The seed's purchase sent with an {@code Idempotency-Key}, as a client retrying it does. */
    static Answer purchaseWithKey(String token, String idempotencyKey, long event, int quantity) {
        return RunningStack.postWithKey(gateway + "/api/payments/create-payment-intent/", token, idempotencyKey,
                Map.of("event_id", event, "quantity", quantity));
    }
}
