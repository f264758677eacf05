package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketpay.localstack.RunningStack.Answer;
import com.stripe.StripeClient;
import dev.ticketpay.support.EmbeddedPostgres;
import dev.ticketpay.support.FreePorts;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * The stack the fault suite breaks on purpose, separate from {@link RunningStack} and started once for the
 * suite: every service its own process, two ticket-service instances, Kafka restartable on its log directory,
 * PostgreSQL restartable on its data directory, short backoffs and timeouts so a fault outlasts every retry
 * budget within seconds. Also the faults themselves and what the scenarios read afterwards: the databases
 * (as the superuser), the dead-letter topics and thread dumps.
 */
final class FaultStack implements AutoCloseable {

    static final List<String> DEAD_LETTER_TOPICS = List.of("tickets.v1.dlt", "payments.v1.dlt", "qr-codes.v1.dlt");
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Short retry budgets for the suite: each key is read by the services through Spring's relaxed binding
     * (unknown keys are ignored, so settings that main does not have yet do no harm).
     */
    static final Map<String, String> SHORT_BUDGETS = Map.ofEntries(
            Map.entry("CONSUMER_RETRY_BACKOFF", "100ms"),
            Map.entry("CONSUMER_RETRY_MAX_BACKOFF", "2s"),
            Map.entry("DB_CONNECT_TIMEOUT", "2s"),
            Map.entry("DB_POOL_ACQUIRE_TIMEOUT", "3s"),
            Map.entry("TICKETPAY_MESSAGING_RELAYPOLLINTERVAL", "500ms"),
            Map.entry("TICKETPAY_MESSAGING_SENDTIMEOUT", "5s"),
            Map.entry("TICKETPAY_RESERVATION_EXPIRYSWEEP", "1s"),
            Map.entry("TICKETPAY_STRIPE_REQUESTTIMEOUT", "2s"),
            Map.entry("TICKETPAY_STRIPE_MAXNETWORKRETRIES", "1"),
            Map.entry("TICKETPAY_STRIPE_CALLATTEMPTS", "2"),
            Map.entry("TICKETPAY_STRIPE_RETRYBACKOFF", "200ms"),
            Map.entry("TICKETPAY_STRIPE_EVENTSWEEPINTERVAL", "1s"),
            Map.entry("TICKETPAY_STRIPE_COMMANDS_POLLINTERVAL", "500ms"),
            Map.entry("TICKETPAY_STRIPE_COMMANDS_FIRSTBACKOFF", "200ms"),
            Map.entry("TICKETPAY_STRIPE_COMMANDS_MAXBACKOFF", "2s"),
            // a command claimed by an instance that died is taken again when its lease ends (default 5 min); longer
            // than one Stripe call with all its retries under the budgets above (about 9 s)
            Map.entry("TICKETPAY_STRIPE_COMMANDS_LEASE", "15s"),
            Map.entry("STRIPE_RECONCILE_INTERVAL", "10s"),
            // a SIGKILLed consumer keeps its partitions until its session times out (Kafka's default: 45 s)
            Map.entry("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "10000"));

    private static FaultStack shared;

    private final LocalStack stack;
    private final Path directory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "fault-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    private FaultStack(LocalStack stack, Path directory) {
        this.stack = stack;
        this.directory = directory;
    }

    /** The one fault stack of this test JVM, started on first use. */
    static synchronized FaultStack shared() {
        if (shared == null) {
            // faults.root runs the services' jars of another checkout (an older commit, say) under this harness
            Path root = Path.of(System.getProperty("faults.root", System.getProperty("ticketpay.root", "../..")))
                    .toAbsolutePath().normalize();
            Path data;
            try {
                data = Files.createDirectories(Path.of("target", "fault-stack")).toAbsolutePath();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var settings = new StackSettings(root, data, FreePorts.take(),
                    new int[] {FreePorts.take(), FreePorts.take()}, FreePorts.take(), FreePorts.take(),
                    FreePorts.take(), FreePorts.take(), "http://localhost:5173", "", "", "30m", true, SHORT_BUDGETS,
                    true);
            shared = new FaultStack(LocalStack.start(settings), data);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "fault-stack-stop"));
        }
        return shared;
    }

    /**
     * Stops the fault stack now (the suite is over), so the other end-to-end tests do not share the machine with it.
     */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    LocalStack stack() {
        return stack;
    }

    /** stripe-java against this stack's Stripe sandbox, to see what Stripe holds. */
    StripeClient stripe() {
        return StripeClient.builder().setApiKey("sk_test_fault_suite").setApiBase(stack.sandbox().apiBase()).build();
    }

    String gateway() {
        return stack.gatewayUrl();
    }

    // ---- PostgreSQL ---------------------------------------------------------------------------------------

    /**
     * Makes one database unreachable while the server keeps running, as a failover looks to its clients: new
     * connections are refused and every open one is ended, again and again until {@link Outage#lift()}.
     */
    Outage refuseConnections(String database) {
        execute("alter database " + database + " allow_connections false");
        Runnable terminate = () -> {
            try {
                execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
            }
            catch (RuntimeException e) {
                // the next round tries again
            }
        };
        terminate.run();
        ScheduledFuture<?> terminating = scheduler.scheduleWithFixedDelay(terminate, 100, 100, TimeUnit.MILLISECONDS);
        return new Outage("database " + database + " refusing connections", () -> {
            terminating.cancel(false);
            execute("alter database " + database + " allow_connections true");
        });
    }

    /** Stops the whole PostgreSQL server; {@link Outage#lift()} starts it again on the same data and port. */
    Outage stopPostgres() {
        stack.postgres().stop();
        return new Outage("PostgreSQL stopped", () -> stack.postgres().restart());
    }

    /** Stops the Kafka broker; {@link Outage#lift()} starts a new one on the same log directory and port. */
    Outage stopKafka() {
        stack.kafka().stop();
        return new Outage("Kafka stopped", () -> stack.kafka().restart());
    }

    /** Runs one statement on the server's maintenance database as the superuser. */
    void execute(String sql) {
        try (Connection connection = connect(stack.postgres().administration());
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query on one service's database, each row as column → value. */
    List<Map<String, Object>> query(String database, String sql, Object... parameters) {
        try (Connection connection = connect(stack.postgres().database(database));
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof Long[] ids) {
                    statement.setArray(i + 1, connection.createArrayOf("bigint", ids));
                }
                else {
                    statement.setObject(i + 1, parameter);
                }
            }
            var rows = new ArrayList<Map<String, Object>>();
            try (var result = statement.executeQuery()) {
                var meta = result.getMetaData();
                while (result.next()) {
                    var row = new HashMap<String, Object>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(EmbeddedPostgres.Database db) throws SQLException {
        var props = new Properties();
        props.setProperty("user", db.username());
        props.setProperty("password", db.password());
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(db.jdbcUrl(), props);
    }

    // ---- Kafka ---------------------------------------------------------------------------------------------

    /** Records in the dead-letter topics so far (all partitions, from the beginning). */
    long deadLetters() {
        var props = new Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        props.put("request.timeout.ms", "10000");
        props.put("default.api.timeout.ms", "15000");
        try (var admin = AdminClient.create(props)) {
            var existing = admin.listTopics().names().get(15, TimeUnit.SECONDS).stream()
                    .filter(DEAD_LETTER_TOPICS::contains).toList();
            if (existing.isEmpty()) {
                return 0;
            }
            var partitions = new HashMap<TopicPartition, OffsetSpec>();
            admin.describeTopics(existing).allTopicNames().get(15, TimeUnit.SECONDS).forEach((name, topic) ->
                    topic.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest())));
            return admin.listOffsets(partitions).all().get(15, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not count the dead letters: " + e, e);
        }
    }

    /** One record of the event topics: its topic, key (the ticket id), CloudEvents id and type, and body. */
    record Event(String topic, String key, String id, String type, String body) {

        @Override
        public String toString() {
            return topic + " " + key + " " + type + " " + body;
        }
    }

    /**
     * The records of these tickets on {@code tickets.v1}, {@code payments.v1} and {@code qr-codes.v1} (keyed by
     * ticket id), in the order of each partition.
     */
    List<Event> eventsOf(java.util.Collection<Long> tickets) {
        var props = new Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        var keys = tickets.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        var found = new ArrayList<Event>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props)) {
            var partitions = new ArrayList<TopicPartition>();
            for (String topic : List.of("tickets.v1", "payments.v1", "qr-codes.v1")) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        found.add(new Event(record.topic(), record.key(), header(record, "ce_id"),
                                header(record, "ce_type"), record.value()));
                    }
                }
            }
        }
        catch (RuntimeException e) {
            found.add(new Event("?", "?", "?", "could not read the topics: " + e, ""));
        }
        return found;
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- outbox ----------------------------------------------------------------------------------------------

    /**
     * Holds the outbox relay of one service's database right after Kafka acknowledged a batch: a trigger makes
     * the statement that marks the rows published sleep. {@link #heldOutboxMarks} says when a relay is held
     * there; {@link #releaseOutboxMarks} drops the trigger and ends the held sessions (their marks roll back).
     */
    void holdOutboxMarks(String database) {
        executeOn(database, """
                create or replace function fault_hold_outbox_mark() returns trigger language plpgsql as $$
                begin
                    perform pg_sleep(25);
                    return null;
                end $$;
                drop trigger if exists fault_hold_outbox_mark on outbox;
                create trigger fault_hold_outbox_mark before update of published_at on outbox
                    for each statement execute function fault_hold_outbox_mark();""");
    }

    int heldOutboxMarks(String database) {
        return ((Number) query(database, "select count(*) as held from pg_stat_activity where datname = ?"
                + " and wait_event = 'PgSleep' and query like 'update outbox set published_at%'", database)
                .getFirst().get("held")).intValue();
    }

    void releaseOutboxMarks(String database) {
        execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                + "' and wait_event = 'PgSleep'");
        executeOn(database, "drop trigger if exists fault_hold_outbox_mark on outbox;"
                + " drop function if exists fault_hold_outbox_mark()");
    }

    // ---- locks ----------------------------------------------------------------------------------------------

    /**
     * "Slow instead of down": a transaction on one service's database that locks the rows each of {@code selects}
     * ({@code select … for update}) finds and then does nothing, as a stuck batch job or a forgotten psql session
     * does. The services' statements that need those rows wait for them, each at most its lock timeout
     * ({@code DB_LOCK_TIMEOUT}). {@link Outage#lift()} rolls the transaction back.
     */
    Outage lockRows(String database, String... selects) {
        try {
            Connection connection = connect(stack.postgres().database(database));
            connection.setAutoCommit(false);
            int locked = 0;
            try (var statement = connection.createStatement()) {
                for (String select : selects) {
                    int found = 0;
                    try (var rows = statement.executeQuery(select)) {
                        while (rows.next()) {
                            found++;
                        }
                    }
                    if (found == 0) {
                        // a scenario that believes it holds a row it does not hold would prove nothing
                        connection.close();
                        throw new IllegalStateException("nothing to lock: " + select);
                    }
                    locked += found;
                }
            }
            return new Outage(locked + " rows of " + database + " locked by a transaction that hangs", () -> {
                try (connection) {
                    connection.rollback();
                }
                catch (SQLException e) {
                    throw new IllegalStateException("could not end the locking transaction: " + e.getMessage(), e);
                }
            });
        }
        catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", selects) + ": " + e.getMessage(), e);
        }
    }

    private void executeOn(String database, String sql) {
        try (Connection connection = connect(stack.postgres().database(database));
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    // ---- services ------------------------------------------------------------------------------------------

    List<String> serviceNames() {
        return stack.services().stream().map(ServiceProcess::name).toList();
    }

    /** {@code GET /actuator/health} of one service: 200 when UP, anything else (0 = no answer) otherwise. */
    int health(String service) {
        return get(stack.service(service).url() + "/actuator/health", null, Duration.ofSeconds(3)).status();
    }

    /** SIGKILL. */
    void kill(String service) {
        stack.kill(service);
    }

    /** Same jar, same environment plus {@code overrides}; returns once the service is ready. */
    void restart(String service, Map<String, String> overrides) {
        stack.restart(service, overrides);
    }

    /**
     * Threads of the service that burned more than {@code share} of one core over {@code window}, each with its
     * stack, from two thread dumps ({@code cpu=} of {@code jcmd Thread.print}); the dumps are kept in
     * {@code target/fault-stack/dumps}.
     */
    List<String> hotThreads(String service, Duration window, double share) {
        var process = stack.service(service);
        String first = process.threadDump();
        await().pollDelay(window).atMost(window.plusSeconds(5)).until(() -> true);
        String second = process.threadDump();
        keep(service, first, second);
        Map<String, Double> before = cpuByThread(first);
        var hot = new ArrayList<String>();
        for (String thread : second.split("\n\n")) {
            Matcher header = THREAD_HEADER.matcher(thread);
            if (!header.find()) {
                continue;
            }
            double used = Double.parseDouble(header.group(2)) - before.getOrDefault(header.group(1), 0.0);
            if (used > window.toMillis() * share) {
                hot.add(String.format("%.0f ms of CPU in %d ms: %s", used, window.toMillis(), thread.trim()));
            }
        }
        return hot;
    }

    private static final Pattern THREAD_HEADER = Pattern.compile("^\"([^\"]+)\" .*?cpu=([0-9.]+)ms", Pattern.MULTILINE);

    private static Map<String, Double> cpuByThread(String dump) {
        var cpu = new HashMap<String, Double>();
        Matcher header = THREAD_HEADER.matcher(dump);
        while (header.find()) {
            cpu.put(header.group(1), Double.parseDouble(header.group(2)));
        }
        return cpu;
    }

    private void keep(String service, String... dumps) {
        try {
            Path folder = Files.createDirectories(directory.resolve("dumps"));
            String stamp = Instant.now().toString().replace(':', '-');
            for (int i = 0; i < dumps.length; i++) {
                Files.writeString(folder.resolve(service + "-" + stamp + "-" + (i + 1) + ".txt"), dumps[i]);
            }
        }
        catch (IOException e) {
            // the dump was for a report; the scenario's own assertion says what failed
        }
    }

    /** The service's log so far, for evidence in a failure message. */
    String logOf(String service) {
        try {
            return Files.readString(stack.service(service).log());
        }
        catch (IOException e) {
            return "";
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    String token(String subject, String... roles) {
        return stack.issuer().mint(subject, List.of(roles), subject + "@example.com");
    }

    Answer post(String url, String token, String idempotencyKey, Object body) {
        return json("POST", url, token, idempotencyKey, body);
    }

    Answer patch(String url, String token, Object body) {
        return json("PATCH", url, token, null, body);
    }

    private Answer json(String method, String url, String token, String idempotencyKey, Object body) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(RunningStack.JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    Answer get(String url, String token, Duration timeout) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Submits the sandbox's hosted checkout form, as the buyer's browser does. */
    Answer payOnCheckoutPage(String checkoutUrl) {
        return send(HttpRequest.newBuilder(URI.create(checkoutUrl + "/pay")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=4242424242424242")).build());
    }

    /** The answer, or status 0 with the reason when there was none (refused, reset, timed out). */
    private Answer send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null), response.headers().map());
        }
        catch (IOException e) {
            return new Answer(0, e.toString(), null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        stack.close();
    }


    /** A fault in progress; {@link #lift()} ends it once and says when. */
    static final class Outage {

        private final String what;
        private final Runnable lift;
        private final Instant started = Instant.now();
        private Instant lifted;

        Outage(String what, Runnable lift) {
            this.what = what;
            this.lift = lift;
        }

        /** Keeps the fault on until {@code length} after it started (Awaitility's poll delay, not a sleep). */
        Outage holdFor(Duration length) {
            Duration left = Duration.between(Instant.now(), started.plus(length));
            if (!left.isNegative() && !left.isZero()) {
                await().pollDelay(left).atMost(left.plusSeconds(5)).until(() -> true);
            }
            return this;
        }

        Instant lift() {
            if (lifted == null) {
                lift.run();
                lifted = Instant.now();
            }
            return lifted;
        }

        Duration length() {
            return Duration.between(started, lifted == null ? Instant.now() : lifted);
        }

        @Override
        public String toString() {
            return what;
        }
    }
}
