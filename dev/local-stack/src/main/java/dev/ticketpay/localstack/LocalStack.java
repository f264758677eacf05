package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ticketpay.sandbox.stripe.StripeSandbox;
import dev.ticketpay.sandbox.stripe.StripeSandboxSettings;
import dev.ticketpay.support.DevTokenIssuer;
import dev.ticketpay.support.EmbeddedKafka;
import dev.ticketpay.support.EmbeddedPostgres;
import dev.ticketpay.support.FreePorts;
import dev.ticketpay.webapp.WebApp;
import dev.ticketpay.webapp.WebAppSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything on one machine: embedded PostgreSQL (data kept in the data directory), embedded Kafka, the dev
 * token issuer, the Stripe sandbox (unless a real Stripe key is configured), each service in its own JVM,
 * the gateway in front and the web app. Closing it stops the services first, then the infrastructure.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String SANDBOX_SECRET_KEY = "sk_test_localstack";
    /** The sandbox takes any {@code pk_test_…} key; the web app confirms card payments with this one. */
    private static final String SANDBOX_PUBLISHABLE_KEY = "pk_test_localstack";

    private final StackSettings settings;
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<ServiceProcess> ticketServices = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;
    private DevTokenIssuer issuer;
    private StripeSandbox sandbox;
    private WebApp webApp;
    private ServiceProcess gateway;

    /** Kafka's port; 0 = a free one, as the stacks of tests take so that they never take 9092 from another. */
    private final int kafkaPort;
    private final int gatewayManagementPort;

    private LocalStack(StackSettings settings, int kafkaPort) {
        this.settings = settings;
        this.kafkaPort = kafkaPort;
        this.gatewayManagementPort = gatewayManagementPort(settings);
    }

    /**
     * The gateway's management port (its metrics and health): {@code GATEWAY_MANAGEMENT_PORT}, or 8001 beside the
     * default public port 8000, or a free one beside any other.
     */
    private static int gatewayManagementPort(StackSettings settings) {
        String configured = System.getenv("GATEWAY_MANAGEMENT_PORT");
        if (configured != null && !configured.isBlank()) {
            return Integer.parseInt(configured.trim());
        }
        if (settings.gatewayPort() == 8000) {
            return 8001;
        }
        return FreePorts.take();
    }

    /** Starts everything, Kafka on a free port, and returns once the gateway and every service report ready. */
    public static LocalStack start(StackSettings settings) {
        return start(settings, 0);
    }

    /** As {@link #start(StackSettings)}, Kafka on {@code kafkaPort} (e.g. 9092, for other teams' consumers). */
    public static LocalStack start(StackSettings settings, int kafkaPort) {
        var stack = new LocalStack(settings, kafkaPort);
        try {
            stack.startInfrastructure();
            stack.startServices();
            return stack;
        }
        catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        long started = System.nanoTime();
        // PostgreSQL, Kafka and the token issuer need nothing from each other: side by side they take as long as the
        // slowest of them instead of all three in turn (start-up, issue 11), each on a thread of its own
        var failures = new ArrayList<Throwable>();
        try (var starting = Executors.newVirtualThreadPerTaskExecutor()) {
            var postgresStart = starting.submit(() -> EmbeddedPostgres.start(settings.freshDatabase() ? null
                    : settings.dataDirectory().resolve("postgres")));
            // a fixed port needs our own broker: the test kit's one always takes free ports
            var kafkaStart = starting.submit(() -> settings.restartableKafka() || kafkaPort != 0
                    ? EmbeddedKafka.startRestartable(emptied(settings.dataDirectory().resolve("kafka")), kafkaPort)
                    : EmbeddedKafka.start());
            var issuerStart = starting.submit(() -> DevTokenIssuer.start(settings.issuerPort()));
            postgres = started(postgresStart, failures);
            kafka = started(kafkaStart, failures);
            issuer = started(issuerStart, failures);
        }
        // whatever did start is stopped by close(), in the reverse order, also when another part failed
        for (AutoCloseable part : Arrays.asList(postgres, kafka, issuer)) {
            if (part != null) {
                infrastructure.add(part);
            }
        }
        if (!failures.isEmpty()) {
            var failure = new IllegalStateException("The stack's infrastructure did not start", failures.getFirst());
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        log.info("PostgreSQL, Kafka and the token issuer up in {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        for (String database : List.of("tickets", "payments", "qrcodes")) {
            postgres.database(database);
        }
        this.postgresPort = postgres.port();
        if (settings.usesSandbox()) {
            sandbox = StripeSandbox.start(StripeSandboxSettings.builder()
                    .port(settings.sandboxPort())
                    .addWebhookEndpoint(gatewayUrl() + "/api/v1/payments/webhook")
                    .build());
            infrastructure.add(sandbox);
        }
        if (settings.webAppPort() >= 0) {
            // with real Stripe the browser needs the account's publishable key, which is no secret
            webApp = WebApp.start(new WebAppSettings(settings.webAppPort(), gatewayUrl(), issuer.issuer(),
                    "ticketpay-web", true, sandbox != null ? SANDBOX_PUBLISHABLE_KEY
                            : System.getenv().getOrDefault("STRIPE_PUBLISHABLE_KEY", ""),
                    sandbox != null ? sandbox.apiBase() : ""));
            infrastructure.add(webApp);
        }
    }

    /** What {@code start} gave, waiting for it; null, with its failure added to {@code failures}, when it failed. */
    private static <T> T started(Future<T> start, List<Throwable> failures) {
        try {
            return start.get();
        }
        catch (ExecutionException e) {
            failures.add(e.getCause());
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
            return null;
        }
    }

    /** Where buyers are sent back after paying: the web app when the stack serves it. */
    public String frontendUrl() {
        return webApp != null ? webApp.url() : settings.frontendUrl();
    }

    /** The web app's address, or null when the stack serves none. */
    public String webAppUrl() {
        return webApp != null ? webApp.url() : null;
    }

    private int postgresPort;

    private void startServices() {
        Path logs = logDirectory();
        var aot = aotCaches(Map.of("ticket-service", serviceEnvironment("tickets"),
                "payment-service", paymentEnvironment(), "qr-service", qrEnvironment(),
                "gateway", gatewayEnvironment()));
        for (int i = 0; i < settings.ticketPorts().length; i++) {
            String name = "ticket-service-" + (i + 1);
            var ticket = ServiceProcess.start(settings.root(), "ticket-service", name,
                    settings.ticketPorts()[i], logFile(serviceEnvironment("tickets"), name), logs,
                    aot.get("ticket-service"));
            ticketServices.add(ticket);
            services.add(ticket);
        }
        services.add(ServiceProcess.start(settings.root(), "payment-service", "payment-service",
                settings.paymentPort(), logFile(paymentEnvironment(), "payment-service"), logs,
                aot.get("payment-service")));
        services.add(ServiceProcess.start(settings.root(), "qr-service", "qr-service", settings.qrPort(),
                logFile(qrEnvironment(), "qr-service"), logs, aot.get("qr-service")));
        gateway = ServiceProcess.start(settings.root(), "gateway", "gateway", settings.gatewayPort(),
                logFile(gatewayEnvironment(), "gateway"), logs, aot.get("gateway"));
        services.add(gateway);
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY_TIMEOUT)))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** Each module's AOT cache when the settings ask for them, recorded side by side where missing. */
    private Map<String, AotCache> aotCaches(Map<String, Map<String, String>> environments) {
        if (settings.aotCaches() == StackSettings.AotCaches.NONE) {
            return Map.of();
        }
        var caches = new java.util.concurrent.ConcurrentHashMap<String, AotCache>();
        // a thread each: the common pool has one thread on two cores, which would record one service at a time
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture.allOf(environments.entrySet().stream()
                    .map(module -> CompletableFuture.runAsync(() -> {
                        var cache = ServiceProcess.aotCache(settings.root(), module.getKey(),
                                settings.dataDirectory().resolve("aot").resolve(module.getKey()), module.getValue(),
                                settings.aotCaches() == StackSettings.AotCaches.TRAINING);
                        if (cache != null) {
                            caches.put(module.getKey(), cache);
                        }
                    }, threads))
                    .toArray(CompletableFuture[]::new)).join();
        }
        return caches;
    }

    private Map<String, String> serviceEnvironment(String database) {
        var env = new HashMap<String, String>();
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", Integer.toString(postgresPort));
        env.put("DB_NAME", database);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("JWT_ISSUER_URI", issuer.issuer());
        env.put("JWT_JWK_SET_URI", issuer.jwkSetUri());
        env.put("PAYMENT_SERVICE_URL", "http://localhost:" + settings.paymentPort());
        env.put("TICKET_HOLD", settings.reservationHold());
        env.putAll(settings.serviceEnvironment());
        return env;
    }

    private Map<String, String> paymentEnvironment() {
        var env = serviceEnvironment("payments");
        env.put("FRONTEND_URL", frontendUrl());
        env.put("TICKET_SERVICE_URL", "http://localhost:" + settings.ticketPorts()[0]);
        // the ledger's timer reads tickets with a client-credentials token of its own (admin, from the dev issuer)
        env.put("LEDGER_TOKEN_URI", issuer.issuer() + "/dev/token");
        env.put("LEDGER_CLIENT_ID", "payment-ledger");
        env.put("LEDGER_CLIENT_SECRET", "dev-ledger-secret");
        if (sandbox != null) {
            env.put("STRIPE_SECRET_KEY", SANDBOX_SECRET_KEY);
            env.put("STRIPE_WEBHOOK_SECRET", sandbox.webhookSecret());
            env.put("STRIPE_API_BASE", sandbox.apiBase());
        }
        else {
            env.put("STRIPE_SECRET_KEY", settings.stripeSecretKey());
            env.put("STRIPE_WEBHOOK_SECRET", settings.stripeWebhookSecret());
        }
        return env;
    }

    private Map<String, String> qrEnvironment() {
        var env = serviceEnvironment("qrcodes");
        env.put("QR_SIGNING_KEY", qrSigningKey());
        return env;
    }

    /**
     * With {@code LOGGING_STRUCTURED_FORMAT_FILE} among the settings' service environment (the end-to-end tests set
     * it), each process also writes its log in that structured form to {@code logs/<name>.json.log}, beside the
     * plain text of its console in {@code logs/<name>.log}.
     */
    private Map<String, String> logFile(Map<String, String> env, String name) {
        if (env.containsKey("LOGGING_STRUCTURED_FORMAT_FILE")) {
            env.put("LOGGING_FILE_NAME", logDirectory().resolve(name + ".json.log").toString());
        }
        return env;
    }

    private Map<String, String> gatewayEnvironment() {
        var env = new HashMap<String, String>();
        // what the services are told about traces and logs, the gateway is told too
        settings.serviceEnvironment().forEach((name, value) -> {
            if (name.startsWith("OTEL_") || name.startsWith("LOG") || name.startsWith("TRACING_")
                    || name.startsWith("MANAGEMENT_OPENTELEMETRY_")) {
                env.put(name, value);
            }
        });
        env.put("MANAGEMENT_PORT", Integer.toString(gatewayManagementPort));
        env.put("JWT_ISSUER_URI", issuer.issuer());
        env.put("JWT_JWK_SET_URI", issuer.jwkSetUri());
        env.put("TICKET_SERVICE_URL", "http://localhost:" + settings.ticketPorts()[0]);
        env.put("PAYMENT_SERVICE_URL", "http://localhost:" + settings.paymentPort());
        env.put("QR_SERVICE_URL", "http://localhost:" + settings.qrPort());
        env.put("CORS_ALLOWED_ORIGINS", frontendUrl());
        return env;
    }

    /** The dev QR signing key, generated on first start and kept so QR codes still verify after a restart. */
    private String qrSigningKey() {
        Path file = settings.dataDirectory().resolve("qr-signing-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            var key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
            String encoded = java.util.Base64.getEncoder().encodeToString(key.getEncoded());
            Files.writeString(file, encoded);
            return encoded;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds the demo events (one free, one paid in jpy) when the catalog is empty, three months ahead: tickets are sold
     * only until an event starts.
     */
    void seedDemoEvents() {
        Instant inThreeMonths = Instant.now().plus(Duration.ofDays(91)).truncatedTo(ChronoUnit.DAYS);
        String admin = issuer.mint("demo-admin", List.of("admin"), "admin@example.com");
        var client = HttpClient.newHttpClient();
        try {
            var list = client.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/events"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            if (list.statusCode() != 200 || !list.body().trim().equals("[]")) {
                return;
            }
            for (String event : List.of(
                    "{\"name\":\"Community Meetup\",\"venue\":\"Shibuya Hall\",\"starts_at\":\""
                            + inThreeMonths.plus(Duration.ofHours(18)) + "\",\"capacity\":100,\"price\":0,"
                            + "\"currency\":\"jpy\"}",
                    "{\"name\":\"Tokyo Jazz Night\",\"venue\":\"Blue Note Tokyo\",\"starts_at\":\""
                            + inThreeMonths.plus(Duration.ofDays(14)).plus(Duration.ofHours(19)) + "\",\"capacity\":50,"
                            + "\"price\":4500,\"currency\":\"jpy\"}")) {
                client.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/events"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path emptied(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (var paths = Files.walk(directory)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded PostgreSQL server: stop and restart it, or administer it as the superuser. */
    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /** The embedded Kafka broker; stoppable and restartable when the settings ask for it. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** Every service process, gateway included, by name ({@code ticket-service-1}, {@code payment-service}…). */
    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Kills the service with SIGKILL, as a crash or an OOM killer would. */
    void kill(String name) {
        service(name).kill();
    }

    /** Starts the service again from the same jar and environment (plus {@code overrides}) and waits until ready. */
    void restart(String name, Map<String, String> overrides) {
        var service = service(name);
        service.restart(overrides);
        service.awaitReady(READY_TIMEOUT);
    }

    public String gatewayUrl() {
        return "http://localhost:" + settings.gatewayPort();
    }

    /** The gateway's management server: its health and its metrics ({@code /actuator/prometheus}). */
    public String gatewayManagementUrl() {
        return "http://localhost:" + gatewayManagementPort;
    }

    /** Where each process serves its metrics for Prometheus, by process name. */
    public Map<String, String> prometheusUrls() {
        var urls = new java.util.LinkedHashMap<String, String>();
        services.stream().filter(service -> service != gateway)
                .forEach(service -> urls.put(service.name(), service.url() + "/actuator/prometheus"));
        urls.put("gateway", gatewayManagementUrl() + "/actuator/prometheus");
        return urls;
    }

    public List<String> ticketServiceUrls() {
        return ticketServices.stream().map(ServiceProcess::url).toList();
    }

    public DevTokenIssuer issuer() {
        return issuer;
    }

    public StripeSandbox sandbox() {
        return sandbox;
    }

    public StackSettings settings() {
        return settings;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Where each service JVM writes its log, one file per service. */
    public Path logDirectory() {
        return settings.dataDirectory().resolve("logs");
    }

    /** The secrets the stack handed to the services, by their environment variable, for leak checks. */
    public Map<String, String> secrets() {
        var secrets = new HashMap<String, String>();
        secrets.put("QR_SIGNING_KEY", qrSigningKey());
        secrets.put("STRIPE_SECRET_KEY", sandbox != null ? SANDBOX_SECRET_KEY : settings.stripeSecretKey());
        secrets.put("STRIPE_WEBHOOK_SECRET",
                sandbox != null ? sandbox.webhookSecret() : settings.stripeWebhookSecret());
        return secrets;
    }

    @Override
    public void close() {
        // services first, so they finish what they consumed and publish their outbox before Kafka goes away
        services.reversed().parallelStream().forEach(ServiceProcess::close);
        for (AutoCloseable part : infrastructure.reversed()) {
            try {
                part.close();
            }
            catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
