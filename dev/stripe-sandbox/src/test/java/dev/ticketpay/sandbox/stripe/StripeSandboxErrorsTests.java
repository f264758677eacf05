package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.RateLimitException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StripeSandboxErrorsTests extends SandboxFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PaymentIntentCreateParams intent(long amount) {
        return PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .putMetadata("order_id", "x")
                .build();
    }

    @Test
    void requestsWithoutAKeyGetStripes401() {
        var response = send(HttpRequest.newBuilder(URI.create(sandbox.apiBase() + "/v1/events"))
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asString()).startsWith("You did not provide an API key.");
    }

    @Test
    void onlyTestSecretKeysAreAccepted() {
        assertThatThrownBy(() -> client("sk_live_51abcdefghijklmnop1234")
                        .v1()
                        .paymentIntents()
                        .create(intent(1000)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getMessage())
                            .contains("Invalid API Key provided: sk_live_")
                            .contains("1234")
                            .doesNotContain("abcdefgh");
                });
        assertThatThrownBy(() -> client("rk_test_restricted").v1().events().list())
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void unknownPathsAreUnrecognizedUrls() {
        var response = send(HttpRequest.newBuilder(URI.create(sandbox.apiBase() + "/v1/customers"))
                .header("Authorization", "Bearer " + API_KEY)
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").get("message").asString())
                .startsWith("Unrecognized request URL (GET: /v1/customers)");
    }

    @Test
    void sameIdempotencyKeyAndParametersReplayTheFirstResponse() throws Exception {
        RequestOptions key =
                RequestOptions.builder().setIdempotencyKey("ticket-31-intent").build();

        PaymentIntent first = createIntent(intent(1000), key);
        PaymentIntent second = createIntent(intent(1000), key);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getClientSecret()).isEqualTo(first.getClientSecret());
        assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed"))
                .isEmpty();
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");
        assertThat(second.getLastResponse().headers().firstValue("Original-Request"))
                .isEqualTo(first.getLastResponse().headers().firstValue("Request-Id"));
    }

    @Test
    void sameIdempotencyKeyWithOtherParametersIsAnIdempotencyError() throws Exception {
        RequestOptions key =
                RequestOptions.builder().setIdempotencyKey("ticket-32-intent").build();
        createIntent(intent(1000), key);

        assertThatThrownBy(() -> createIntent(intent(2000), key))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
                    assertThat(e.getMessage()).contains("ticket-32-intent");
                });
    }

    @Test
    void cardErrorsAreReplayedButValidationErrorsAreNotSaved() throws Exception {
        PaymentIntent pi = createIntent(intent(1000));
        RequestOptions confirmKey =
                RequestOptions.builder().setIdempotencyKey("confirm-1").build();
        var declined = com.stripe.param.PaymentIntentConfirmParams.builder()
                .setPaymentMethod("pm_card_chargeDeclined")
                .build();
        assertThatThrownBy(() -> stripe.v1().paymentIntents().confirm(pi.getId(), declined, confirmKey))
                .isInstanceOf(com.stripe.exception.CardException.class);
        assertThatThrownBy(() -> stripe.v1().paymentIntents().confirm(pi.getId(), declined, confirmKey))
                .isInstanceOfSatisfying(
                        com.stripe.exception.CardException.class,
                        e -> assertThat(e.getStripeError()
                                        .getLastResponse()
                                        .headers()
                                        .firstValue("Idempotent-Replayed"))
                                .hasValue("true"));

        RequestOptions createKey =
                RequestOptions.builder().setIdempotencyKey("create-1").build();
        assertThatThrownBy(() -> createIntent(
                        PaymentIntentCreateParams.builder()
                                .setAmount(1000L)
                                .setCurrency("xyz")
                                .build(),
                        createKey))
                .isInstanceOf(com.stripe.exception.InvalidRequestException.class);
        // Had the refusal been saved, other parameters under the same key would be an idempotency_error.
        assertThat(createIntent(
                                PaymentIntentCreateParams.builder()
                                        .setAmount(1000L)
                                        .setCurrency("usd")
                                        .build(),
                                createKey)
                        .getCurrency())
                .isEqualTo("usd");
    }

    @Test
    void serverErrorFaultAnswers500AndStripeJavaRetriesThrough() throws Exception {
        sandbox.faults().serverErrors(1);
        assertThatThrownBy(() -> createIntent(intent(1000))).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(500);
            assertThat(e.getStripeError().getType()).isEqualTo("api_error");
        });

        sandbox.faults().serverErrors(1);
        StripeClient retrying = StripeClient.builder()
                .setApiKey(API_KEY)
                .setApiBase(sandbox.apiBase())
                .setMaxNetworkRetries(2)
                .build();
        assertThat(retrying.v1().paymentIntents().create(intent(1000)).getStatus())
                .isEqualTo("requires_payment_method");
        assertThat(sandbox.faults().pending()).isEmpty();
    }

    @Test
    void rateLimitFaultAnswers429() {
        sandbox.faults().rateLimits(2);

        assertThatThrownBy(() -> stripe.v1().events().list()).isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(429);
            assertThat(e.getCode()).isEqualTo("rate_limit");
        });
        assertThat(sandbox.faults().pending())
                .singleElement()
                .satisfies(f -> assertThat(f.times()).isEqualTo(1));
    }

    @Test
    void logsEveryApiRequestOnArrivalFaultsIncludedForRateChecks() throws Exception {
        var from = java.time.Instant.now();
        sandbox.faults().rateLimits(1);

        assertThatThrownBy(() -> stripe.v1().events().list()).isInstanceOf(RateLimitException.class);
        createIntent(intent(1000));
        send(HttpRequest.newBuilder(URI.create(sandbox.apiBase() + "/_sandbox/faults"))
                .GET()
                .build());

        assertThat(sandbox.requests().since(from))
                .extracting(ApiRequests.ApiRequest::method, ApiRequests.ApiRequest::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", "/v1/events"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/v1/payment_intents"));
    }

    @Test
    void hangFaultOutlastsTheClientTimeout() throws Exception {
        sandbox.faults().hangs(1, Duration.ofSeconds(2));
        StripeClient impatient = StripeClient.builder()
                .setApiKey(API_KEY)
                .setApiBase(sandbox.apiBase())
                .setReadTimeout(300)
                .build();

        assertThatThrownBy(() -> impatient.v1().events().list()).isInstanceOf(ApiConnectionException.class);
        assertThat(impatient.v1().events().list().getData()).isEmpty();
    }

    @Test
    void lostAnswerIsReplayedToTheIdempotentRetryInsteadOfCreatingTwice() throws Exception {
        sandbox.faults()
                .inject(HttpFault.hangAfterProcessing(1, Duration.ofSeconds(2)).on("POST", "/v1/checkout/sessions"));
        StripeClient retrying = StripeClient.builder()
                .setApiKey(API_KEY)
                .setApiBase(sandbox.apiBase())
                .setReadTimeout(300)
                .setMaxNetworkRetries(1)
                .build();

        Session session = retrying.v1()
                .checkout()
                .sessions()
                .create(ticketSession(1000, "usd", 1).build());

        assertThat(session.getLastResponse().headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");
        assertThat(stripe.v1().checkout().sessions().list().getData())
                .extracting(Session::getId)
                .containsExactly(session.getId());
    }

    @Test
    void faultsCanTargetOneMethodAndPath() throws Exception {
        PaymentIntent paid = paidIntent(1000L, "usd", "pm_card_visa");
        sandbox.faults().inject(HttpFault.serverError(1).on("POST", "/v1/refunds"));

        assertThat(openSession(1000).getId()).isNotNull();
        assertThatThrownBy(() -> createRefund(RefundCreateParams.builder()
                        .setPaymentIntent(paid.getId())
                        .build()))
                .isInstanceOf(ApiException.class);
        assertThat(createRefund(RefundCreateParams.builder()
                        .setPaymentIntent(paid.getId())
                        .build())
                        .getStatus())
                .isEqualTo("succeeded");
    }

    @Test
    void concurrentRequestsAreAllServed() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<PaymentIntent>>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> paidIntent(1000L, "usd", "pm_card_visa")));
            }
            var ids = new java.util.HashSet<String>();
            for (var f : futures) {
                ids.add(f.get().getId());
            }
            assertThat(ids).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> receiver.deliveries().size() == 40);
    }
}
