package dev.ticketpay.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The infrastructure tests run on, started once per test JVM and stopped when it exits: a real Kafka
 * broker, a real PostgreSQL server and the dev token issuer. Each service's tests use their own database.
 */
public final class DevInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(DevInfrastructure.class);
    private static DevInfrastructure shared;

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final DevTokenIssuer tokens;

    private DevInfrastructure(EmbeddedKafka kafka, EmbeddedPostgres postgres, DevTokenIssuer tokens) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.tokens = tokens;
    }

    /** The one instance of this JVM, started on first use. */
    public static synchronized DevInfrastructure shared() {
        if (shared == null) {
            long started = System.nanoTime();
            var kafka = EmbeddedKafka.start();
            var postgres = EmbeddedPostgres.start(null);
            var tokens = DevTokenIssuer.start(0);
            shared = new DevInfrastructure(kafka, postgres, tokens);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "dev-infrastructure-stop"));
            log.info("Embedded Kafka {} and PostgreSQL :{} up in {} ms", kafka.bootstrapServers(), postgres.port(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return shared;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public DevTokenIssuer tokens() {
        return tokens;
    }

    /**
     * Points a Spring Boot service under test at this infrastructure: Kafka, its own database
     * (R2DBC and Flyway) and the dev issuer for JWTs.
     */
    public void register(DynamicPropertyRegistry registry, String database) {
        var db = postgres.database(database);
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("spring.r2dbc.url", db::r2dbcUrl);
        registry.add("spring.r2dbc.username", db::username);
        registry.add("spring.r2dbc.password", db::password);
        registry.add("spring.flyway.url", db::jdbcUrl);
        registry.add("spring.flyway.user", db::username);
        registry.add("spring.flyway.password", db::password);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
    }

    private void stop() {
        tokens.close();
        kafka.close();
        postgres.close();
    }
}
