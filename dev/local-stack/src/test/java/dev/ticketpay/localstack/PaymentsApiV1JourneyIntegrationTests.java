package dev.ticketpay.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.stripe.exception.CardException;
import com.stripe.param.PaymentIntentConfirmParams;
import org.junit.jupiter.api.Test;

import static dev.ticketpay.localstack.RunningStack.createEvent;
import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.post;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The payments API v1 as a Stripe Elements frontend uses it: order → PaymentIntent → the card is confirmed
 * with Stripe (the sandbox) → webhook → payment succeeded, order confirmed with its QR code.
 */
class PaymentsApiV1JourneyIntegrationTests extends StackJourney {

    @Test
    void paysAnOrderWithAPaymentIntentAfterADeclinedCard() throws Exception {
        long event = paidEvent();
        String yuki = token("yuki-" + UUID.randomUUID(), "user");
        var order = post(gateway + "/api/v1/orders", yuki, Map.of("event_id", event, "quantity", 2));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        String orderId = order.json().get("data").get("order_id").asString();
        assertThat(order.json().get("data").get("status").asString()).isEqualTo("pending");

        var intent = post(gateway + "/api/v1/payments/intent", yuki, Map.of("order_id", orderId,
                "customer_email", "yuki@example.com"));
        assertThat(intent.status()).as(intent.body()).isEqualTo(201);
        var data = intent.json().get("data");
        assertThat(data.get("amount").asLong()).isEqualTo(9000);
        assertThat(data.get("currency").asString()).isEqualTo("jpy");
        assertThat(data.get("status").asString()).isEqualTo("pending");
        String paymentId = data.get("payment_id").asString();
        String clientSecret = data.get("client_secret").asString();
        String intentId = clientSecret.substring(0, clientSecret.indexOf("_secret_"));

        assertThatThrownBy(() -> stripe.v1().paymentIntents().confirm(intentId,
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_chargeDeclined").build()))
                .isInstanceOf(CardException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> paymentStatus(yuki, paymentId), "failed"::equals);
        assertThat(get(gateway + "/api/v1/orders/" + orderId, yuki).json().get("data").get("status").asString())
                .as("a declined card leaves the order payable").isEqualTo("pending");

        var again = post(gateway + "/api/v1/payments/intent", yuki, Map.of("order_id", orderId));
        assertThat(again.json().get("data").get("payment_id").asString()).isEqualTo(paymentId);
        stripe.v1().paymentIntents().confirm(intentId,
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());

        await().atMost(Duration.ofSeconds(30)).until(() -> paymentStatus(yuki, paymentId), "succeeded"::equals);
        var confirmed = await().atMost(Duration.ofSeconds(30)).until(
                () -> get(gateway + "/api/v1/orders/" + orderId, yuki).json().get("data"),
                orderData -> "confirmed".equals(orderData.get("status").asString())
                        && orderData.get("qr_code_data").isString());
        assertThat(confirmed.get("qr_code_data").asString()).isNotBlank();
        var details = get(gateway + "/api/v1/payments/" + paymentId, yuki).json().get("data");
        assertThat(details.get("order_id").asString()).isEqualTo(orderId);
        assertThat(details.get("stripe_payment_intent_id").asString()).isEqualTo(intentId);
    }

    @Test
    void answersTheSeedsErrorsInTheV1EnvelopeThroughTheGateway() {
        String kai = token("kai-" + UUID.randomUUID(), "user");
        var badId = post(gateway + "/api/v1/payments/intent", kai, Map.of("order_id", "not-a-uuid"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("details").get("field").asString()).isEqualTo("order_id");
        var unknown = post(gateway + "/api/v1/payments/intent", kai, Map.of("order_id", UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").asString()).isEqualTo("error");
        var anonymous = get(gateway + "/api/v1/payments/" + UUID.randomUUID(), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asInt()).isEqualTo(401);
        var noSuchPath = get(gateway + "/api/v1/refunds", kai);
        assertThat(noSuchPath.status()).isEqualTo(404);
        assertThat(noSuchPath.json().get("code").asInt()).isEqualTo(404);

        long event = paidEvent();
        String orderId = post(gateway + "/api/v1/orders", kai, Map.of("event_id", event, "quantity", 1)).json()
                .get("data").get("order_id").asString();
        var stranger = post(gateway + "/api/v1/payments/intent", token("lena", "user"), Map.of("order_id", orderId));
        assertThat(stranger.status()).isEqualTo(403);
    }

    private static String paymentStatus(String token, String paymentId) {
        return get(gateway + "/api/v1/payments/" + paymentId, token).json().get("data").get("status").asString();
    }

    private static long paidEvent() {
        return createEvent("Quartet", 10, 4500);
    }
}
