package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Per-test sandbox, webhook receiver and stripe-java client, wired as payment-service wires them:
 * only the apiBase and the keys differ from production.
 */
abstract class SandboxFixture {

    static final String API_KEY = "sk_test_ticketpaySandboxTests";
    static final String SECRET = "whsec_sandboxTestSecret";

    protected StripeSandbox sandbox;
    protected WebhookReceiver receiver;
    protected StripeClient stripe;
    protected final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeEach
    void startSandbox() {
        receiver = WebhookReceiver.start();
        sandbox = StripeSandbox.start(
                customize(StripeSandboxSettings.forTests().webhookSecret(SECRET).addWebhookEndpoint(receiver.url()))
                        .build());
        stripe = client(API_KEY);
    }

    /** Lets a test class tune its sandbox's settings. */
    protected StripeSandboxSettings.Builder customize(StripeSandboxSettings.Builder settings) {
        return settings;
    }

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    StripeClient client(String apiKey) {
        return StripeClient.builder()
                .setApiKey(apiKey)
                .setApiBase(sandbox.apiBase())
                .build();
    }

    /** Creates a Checkout Session through stripe-java. */
    Session createSession(SessionCreateParams params) throws StripeException {
        return stripe.v1().checkout().sessions().create(params);
    }

    Session retrieveSession(String id) throws StripeException {
        return stripe.v1().checkout().sessions().retrieve(id);
    }

    /** An open one-ticket Checkout Session in usd, as the ticket saga creates them. */
    Session openSession(long unitAmount) throws StripeException {
        return createSession(ticketSession(unitAmount, "usd", 1).build());
    }

    PaymentIntent createIntent(PaymentIntentCreateParams params) throws StripeException {
        return stripe.v1().paymentIntents().create(params);
    }

    PaymentIntent createIntent(PaymentIntentCreateParams params, RequestOptions options) throws StripeException {
        return stripe.v1().paymentIntents().create(params, options);
    }

    Refund createRefund(RefundCreateParams params) throws StripeException {
        return stripe.v1().refunds().create(params);
    }

    /** A PaymentIntent waiting for a payment method. */
    PaymentIntent unpaidIntent(long amount, String currency) throws StripeException {
        return createIntent(PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency(currency)
                .build());
    }

    /** A PaymentIntent created and paid at once with {@code paymentMethod}, e.g. {@code pm_card_visa}. */
    PaymentIntent paidIntent(long amount, String currency, String paymentMethod) throws StripeException {
        return createIntent(PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency(currency)
                .setPaymentMethod(paymentMethod)
                .setConfirm(true)
                .build());
    }

    /** Confirms a PaymentIntent with a PaymentMethod or a test token such as {@code pm_card_visa}. */
    PaymentIntent confirmWith(String intentId, String paymentMethod) throws StripeException {
        return stripe.v1()
                .paymentIntents()
                .confirm(
                        intentId,
                        PaymentIntentConfirmParams.builder()
                                .setPaymentMethod(paymentMethod)
                                .build());
    }

    /** Lists the account's events through stripe-java, as payment-service's event sweep does. */
    StripeCollection<Event> listEvents(EventListParams params) throws StripeException {
        return stripe.v1().events().list(params);
    }

    /**
     * Waits until the webhook endpoint has received exactly one {@code type} event and checks it: most sandbox
     * calls announce themselves with one event, delivered a moment after the call answers.
     */
    void assertReceivedOnce(String type, ThrowingConsumer<Event> check) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(receiver.events(SECRET, type))
                        .singleElement()
                        .satisfies(check));
    }

    /**
     * The refusal a request meets, failing the test unless it is Stripe's {@code invalid_request_error}; the test
     * then checks what Stripe says in it (code, param, status, message), as stripe-java hands it to payment-service.
     */
    static InvalidRequestException refused(ThrowingCallable request) {
        return assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(request).actual();
    }

    /** The object a webhook event carries, as payment-service reads it. */
    static <T extends StripeObject> T dataOf(Event event, Class<T> type) {
        return type.cast(event.getDataObjectDeserializer().getObject().orElseThrow());
    }

    /** A one-ticket Checkout Session like the ticket saga creates. */
    static SessionCreateParams.Builder ticketSession(long unitAmount, String currency, long quantity) {
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("http://localhost:5173/payment/success?session_id={CHECKOUT_SESSION_ID}&ticket_id=31")
                .setCancelUrl("http://localhost:5173/payment/cancel?ticket_id=31")
                .setClientReferenceId("31")
                .putMetadata("ticket_id", "31")
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(quantity)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(currency)
                                .setUnitAmount(unitAmount)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Jazz night")
                                        .setDescription("General admission")
                                        .build())
                                .build())
                        .build());
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Pays a session on its hosted page, as a customer would. */
    HttpResponse<String> payOnPage(String sessionUrl, String card) {
        return postForm(sessionUrl + "/pay", Map.of("card", card, "email", "alice@example.com"));
    }
}
