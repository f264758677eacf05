package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.stripe.StripeClient;
import dev.ticketpay.support.FreePorts;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system as the end-to-end tests use it, started once per test JVM: every service in its own
 * JVM from its jar, two ticket-service instances, the gateway in front and the web app, all on free ports (the
 * payment redirects go to the web app's port). Service logs go to {@code target/stack-logs}.
 */
final class RunningStack {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static LocalStack stack;
    private static SpanReceiver spans;
    private static final HttpClient http = HttpClient.newHttpClient();

    static synchronized LocalStack shared() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("ticketpay.root", "../..")).toAbsolutePath().normalize();
            Path data;
            try {
                data = Files.createDirectories(Path.of("target", "stack"));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            spans = SpanReceiver.start();
            // every process exports its spans to the receiver, and writes its log as JSON (ECS) besides the text
            var observability = Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint(),
                    "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms",
                    "LOGGING_STRUCTURED_FORMAT_FILE", "ecs",
                    // a line per outbox row and per consumed event, to find a purchase's trace ids in the logs
                    "LOGGING_LEVEL_DEV_TICKETPAY_MESSAGING", "DEBUG");
            var settings = new StackSettings(root, data.toAbsolutePath(), FreePorts.take(),
                    new int[] {FreePorts.take(), FreePorts.take()}, FreePorts.take(), FreePorts.take(),
                    FreePorts.take(), FreePorts.take(),
                    "http://localhost:5173", "", "", "30m", true, observability, false,
                    StackSettings.AotCaches.NONE, 0);
            stack = LocalStack.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-stop"));
        }
        return stack;
    }

    /**
     * The stack's log files of the processes whose names start with {@code process}, rolled ones too: each JSON log
     * rolls over to a {@code .gz} at midnight (Spring Boot's file appender), so a run that crosses it finds a
     * process's lines in two files.
     */
    static List<Path> logFiles(String process) throws IOException {
        try (var files = Files.list(stack.logDirectory())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().startsWith(process)).sorted().toList();
        }
    }

    /** The lines of one of the stack's log files, decompressing a rolled-over one. */
    static List<String> logLines(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Whether the file holds the JSON log (current or rolled over), not the plain-text one. */
    static boolean isJsonLog(Path file) {
        return file.getFileName().toString().contains(".json.log");
    }

    /** The spans the shared stack's processes exported so far. */
    static List<SpanReceiver.ReceivedSpan> spans() {
        shared();
        return spans.spans();
    }

    /** A token from the dev issuer over HTTP, as the README shows. */
    static String token(String subject, String... roles) {
        return token(Map.of("sub", subject, "roles", List.of(roles), "email", subject + "@example.com"));
    }

    /** A staff token from the dev issuer over HTTP whose {@code event_ids} claim lists the events its holder works. */
    static String staffTokenAt(String subject, long... events) {
        return token(Map.of("sub", subject, "roles", List.of("staff"), "event_ids", events));
    }

    private static String token(Map<String, Object> claims) {
        var answer = send(HttpRequest.newBuilder(URI.create(shared().issuer().issuer() + "/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(claims))).build());
        return answer.json().get("access_token").asString();
    }

    /** A start a year ahead, to the hour (ISO-8601): tickets are sold only until an event starts. */
    static String aYearAhead() {
        return Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.HOURS).toString();
    }

    /**
     * An event an organiser creates through the shared stack's gateway, on sale in yen ({@code price} 0 is free):
     * its id. Each test makes events of its own, so that tests never share seats.
     */
    static long createEvent(String name, int capacity, long price) {
        var created = post(shared().gatewayUrl() + "/api/events", token("organiser", "admin"), Map.of("name", name,
                "venue", "Shibuya Hall", "starts_at", aYearAhead(), "capacity", capacity, "price", price,
                "currency", "jpy"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** stripe-java against the shared stack's Stripe sandbox, as an operator's tools would use Stripe. */
    static StripeClient stripe() {
        return StripeClient.builder().setApiKey("sk_test_e2e").setApiBase(shared().sandbox().apiBase()).build();
    }

    static Answer post(String url, String token, Object body) {
        return postWithKey(url, token, null, body);
    }

    static Answer postWithKey(String url, String token, String idempotencyKey, Object body) {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** Submits the sandbox's hosted checkout form, as the buyer's browser does. */
    static Answer payOnCheckoutPage(String checkoutUrl, String card) {
        var request = HttpRequest.newBuilder(URI.create(checkoutUrl + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=" + card)).build();
        return send(request);
    }

    static Answer get(String url, String token) {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Any request exactly as given: a method, a body of raw text (or none) and its content type (or none). */
    static Answer send(String method, String url, String token, String contentType, String body) {
        var request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A Prometheus scrape of {@code url}, which must answer 200. */
    static String scrape(String url) {
        var answer = get(url, null);
        assertThat(answer.status()).as(url).isEqualTo(200);
        return answer.body();
    }

    /**
     * The sum of the lines of a metric that carry each of the labels {@code series} gives (the metric's name, an
     * opening brace and the labels, without the closing brace), in any order and among others such as
     * {@code application}; 0 when none does.
     */
    static double metricValue(String scrape, String series) {
        int brace = series.indexOf('{');
        String name = series.substring(0, brace);
        List<String> labels = List.of(series.substring(brace + 1).split(",(?=[a-z_]+=)"));
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double sum = 0;
        while (line.find()) {
            var present = List.of(line.group(1).split(",(?=[a-z_]+=)"));
            if (present.containsAll(labels)) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    /** An answer: its status, body, {@code Location} and all its headers (names in lower case). */
    record Answer(int status, String body, String location, Map<String, List<String>> headers) {

        Answer(int status, String body, String location) {
            this(status, body, location, Map.of());
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static Answer send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null), response.headers().map());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The text of a QR code PNG given in base64, as a door scanner reads it. */
    static String decodeQr(String pngBase64) {
        try {
            var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    java.util.Base64.getDecoder().decode(pngBase64)));
            return new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(
                            new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))),
                    Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true)).getText();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (com.google.zxing.ReaderException e) {
            throw new IllegalStateException("Not a readable QR code", e);
        }
    }


    private RunningStack() {
    }
}
