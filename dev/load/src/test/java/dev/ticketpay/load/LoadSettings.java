package dev.ticketpay.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how hard to load, from system properties ({@code -Dload.…}), so every simulation runs against the local
 * stack or a deployment alike. Defaults are the local stack's.
 *
 * @param gateway the public API ({@code load.gateway})
 * @param ticketService ticket-service itself, for the reads that bypass the gateway ({@code load.ticketService})
 * @param issuer the dev token issuer that mints buyers' tokens ({@code load.issuer})
 * @param tokenFile instead of the issuer: a file of buyers' bearer tokens, one per line, each a distinct user
 *         ({@code load.tokens})
 * @param adminToken the token that creates the benchmark's events; minted by the issuer when absent
 *         ({@code load.adminToken})
 * @param webhookSecret the {@code whsec_…} secret payment-service verifies webhooks with ({@code load.webhookSecret})
 * @param buyers how many distinct buyers take turns ({@code load.buyers})
 * @param users how many requests are under way at once ({@code load.users}; each simulation has its default)
 * @param duration how long each virtual user keeps sending ({@code load.duration}, seconds)
 * @param timeout how long a request may take before it counts as not answered ({@code load.timeout}, seconds)
 * @param paymentsDb JDBC URL of payment-service's database, to check that webhooks were stored and processed once
 *         ({@code load.paymentsDb})
 * @param stackPid the local stack's launcher JVM: the services are its children ({@code load.stackPid})
 * @param postgresPid the stack's PostgreSQL postmaster ({@code load.postgresPid})
 * @param results where each simulation writes its figures ({@code load.results})
 * @param run which run of its scenario on this stack the simulation is ({@code load.run}, 1): from the second on its
 *         figures are kept apart, as {@code <id>.<run>}
 * @param statementsDb JDBC URL of the stack's PostgreSQL with {@code {db}} for the database's name, to count the
 *         statements and transactions each database runs per request ({@code load.statementsDb}; see
 *         {@link DatabaseStatements})
 */
record LoadSettings(String gateway, String ticketService, String issuer, Optional<Path> tokenFile,
        Optional<String> adminToken, String webhookSecret, int buyers, Optional<Integer> users, Duration duration,
        Duration timeout, Optional<String> paymentsDb, Optional<Long> stackPid, Optional<Long> postgresPid,
        Path results, int run, Optional<String> statementsDb) {

    /** The sandbox's fixed development secret; the local stack's payment-service verifies with it. */
    static final String SANDBOX_WEBHOOK_SECRET = "whsec_ticketpaySandboxDevSecret0123456789";

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                text("load.gateway").orElse("http://localhost:8000"),
                text("load.ticketService").orElse("http://localhost:8081"),
                text("load.issuer").orElse("http://localhost:9000"),
                text("load.tokens").map(Path::of),
                text("load.adminToken"),
                text("load.webhookSecret").orElse(SANDBOX_WEBHOOK_SECRET),
                text("load.buyers").map(Integer::parseInt).orElse(2000),
                text("load.users").map(Integer::parseInt),
                Duration.ofSeconds(text("load.duration").map(Long::parseLong).orElse(30L)),
                Duration.ofSeconds(text("load.timeout").map(Long::parseLong).orElse(10L)),
                text("load.paymentsDb"),
                text("load.stackPid").map(Long::parseLong),
                text("load.postgresPid").map(Long::parseLong),
                Path.of(text("load.results").orElse("target/load-results")),
                text("load.run").map(Integer::parseInt).orElse(1),
                text("load.statementsDb"));
    }

    int users(int fallback) {
        return users.orElse(fallback);
    }

    private static Optional<String> text(String name) {
        return Optional.ofNullable(System.getProperty(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
