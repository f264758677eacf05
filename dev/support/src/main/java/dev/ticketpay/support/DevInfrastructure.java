package dev.ticketpay.support;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The infrastructure tests run on, started once per test JVM and stopped when it exits: a real Kafka
 * broker, a real PostgreSQL server and the dev token issuer. Each service's tests use their own database.
 * Kafka and PostgreSQL run in Testcontainers containers when a Docker engine answers, else embedded in this JVM
 * (see {@link TestInfrastructure} for the override); the choice is logged once at start.
 */
public final class DevInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(DevInfrastructure.class);
    private static DevInfrastructure shared;

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final DevTokenIssuer tokens;

    private DevInfrastructure(KafkaBroker kafka, PostgresServer postgres, DevTokenIssuer tokens) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.tokens = tokens;
    }

    /** The one instance of this JVM, started on first use. */
    public static synchronized DevInfrastructure shared() {
        if (shared == null) {
            long started = System.nanoTime();
            var choice = TestInfrastructure.choose(TestInfrastructure.requested(), DockerEngine::available);
            boolean containers = choice.infrastructure() == TestInfrastructure.CONTAINERS;
            KafkaBroker kafka = containers ? ContainerKafka.start() : EmbeddedKafka.start();
            PostgresServer postgres = containers ? ContainerPostgres.start() : EmbeddedPostgres.start(null);
            var tokens = DevTokenIssuer.start(0);
            shared = new DevInfrastructure(kafka, postgres, tokens);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "dev-infrastructure-stop"));
            log.info("Test infrastructure: {} Kafka {} and PostgreSQL :{} ({}; {}=embedded|containers|auto to"
                    + " choose), up in {} ms", containers ? "Testcontainers" : "embedded", kafka.bootstrapServers(),
                    postgres.port(), choice.reason(), TestInfrastructure.PROPERTY,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return shared;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public DevTokenIssuer tokens() {
        return tokens;
    }

    /**
     * Points a Spring Boot service under test at this infrastructure: Kafka, its own database
     * (R2DBC and Flyway) and the dev issuer for JWTs. Tests say it with {@link OnDevInfrastructure}.
     */
    public void register(DynamicPropertyRegistry registry, String database) {
        properties(database).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The Spring Boot properties that point a service at this infrastructure and its own {@code database}. */
    public Map<String, Object> properties(String database) {
        var db = postgres.database(database);
        return Map.of("spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "spring.r2dbc.url", db.r2dbcUrl(), "spring.r2dbc.username", db.username(),
                "spring.r2dbc.password", db.password(),
                "spring.flyway.url", db.jdbcUrl(), "spring.flyway.user", db.username(),
                "spring.flyway.password", db.password(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens.issuer(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens.jwkSetUri());
    }

    private void stop() {
        tokens.close();
        kafka.close();
        postgres.close();
    }
}
