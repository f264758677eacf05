package dev.ticketpay.payment.stripe;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.ApiMode;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

/**
 * stripe-java's transport on the JDK's {@link java.net.http.HttpClient}: one client with its connection pool for
 * the service's life, and Stripe's two identifying headers ({@code User-Agent}, {@code X-Stripe-Client-User-Agent})
 * built once per API mode instead of on every call — the stock {@code HttpURLConnectionClient} rebuilds them each
 * time, reading the Gson jar's {@code pom.properties} and the environment, which was a tenth of payment-service's
 * CPU per Checkout Session. stripe-java keeps everything else: request building, retries, telemetry, errors.
 */
final class JdkStripeHttpClient extends HttpClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> SET_BY_TRANSPORT = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private final java.net.http.HttpClient http;
    private final Map<ApiMode, Map<String, List<String>>> identity = new ConcurrentHashMap<>();

    JdkStripeHttpClient(Duration connectTimeout) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // as stripe-java's own transport: no h2c upgrade attempts against a plain-HTTP base (the sandbox)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        try {
            var builder = HttpRequest.newBuilder(request.url().toURI())
                    .timeout(Duration.ofMillis(request.options().getReadTimeout()));
            request.headers().withAdditionalHeaders(identity(request)).map().forEach((name, values) -> {
                if (!SET_BY_TRANSPORT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    builder.header(name, String.join(",", values));
                }
            });
            var content = request.content();
            if (content != null) {
                builder.header("Content-Type", content.contentType());
            }
            builder.method(request.method().name(), content == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(content.byteArrayContent()));
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new StripeResponse(response.statusCode(), HttpHeaders.of(response.headers().map()),
                    response.body());
        }
        catch (IOException | URISyntaxException e) {
            throw new ApiConnectionException("IOException during API request to Stripe (" + request.url().getHost()
                    + "): " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted during API request to Stripe", e);
        }
    }

    private Map<String, List<String>> identity(StripeRequest request) {
        return identity.computeIfAbsent(request.apiMode(), mode -> Map.of(
                "User-Agent", List.of(buildUserAgentString(request)),
                "X-Stripe-Client-User-Agent", List.of(buildXStripeClientUserAgentString())));
    }
}
