package dev.ticketpay.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few calls a simulation makes outside its measured load, with the JDK's client: minting tokens and creating
 * events before, reading an event after. JSON is written and read by hand: the load generator needs no mapper.
 */
final class Api {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    /** A token of the dev issuer for {@code subject} with {@code role}. */
    static String mint(String issuer, String subject, String role) {
        String body = "{\"sub\":\"%s\",\"roles\":[\"%s\"],\"email\":\"%s@example.com\"}".formatted(subject, role,
                subject);
        return field(send(HttpRequest.newBuilder(URI.create(issuer + "/dev/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 200),
                "access_token");
    }

    /** Creates an event on sale with {@code capacity} seats at {@code price} yen (0: free) and returns its id. */
    static long createEvent(String gateway, String adminToken, String name, long price, int capacity) {
        String body = ("{\"name\":\"%s\",\"venue\":\"Load Arena\",\"starts_at\":\"2030-01-01T19:00:00Z\","
                + "\"capacity\":%d,\"price\":%d,\"currency\":\"jpy\"}").formatted(name, capacity, price);
        return Long.parseLong(field(send(HttpRequest.newBuilder(URI.create(gateway + "/api/events"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201), "id"));
    }

    /** The seats of the event still on sale. */
    static long available(String gateway, String token, long event) {
        return Long.parseLong(field(send(HttpRequest.newBuilder(URI.create(gateway + "/api/events/" + event))
                .header("Authorization", "Bearer " + token), 200), "available"));
    }

    private static String send(HttpRequest.Builder request, int expected) {
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A top-level string or number member of a small JSON object. */
    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9]+))")
                .matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
    }
}
