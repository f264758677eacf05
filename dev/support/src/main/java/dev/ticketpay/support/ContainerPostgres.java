package dev.ticketpay.support;


import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import dev.ticketpay.support.EmbeddedPostgres.Database;

/** PostgreSQL in a Testcontainers container, one database per service, as the embedded server serves them. */
final class ContainerPostgres implements PostgresServer {

    /** The image docker-compose.yml runs too. */
    static final String IMAGE = "postgres:16";
    private static final int POSTGRES_PORT = 5432;

    private final PostgreSQLContainer container;
    private final CreatedDatabases databases = new CreatedDatabases();

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerPostgres start() {
        var container = new PostgreSQLContainer(DockerImageName.parse(IMAGE))
                // the embedded server's limit: every service's pool in one test JVM
                .withCommand("postgres", "-c", "max_connections=300");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public Database database(String name) {
        return databases.database(administration(), name);
    }

    @Override
    public Database administration() {
        // the image's user is a superuser; "postgres" is the maintenance database every cluster has
        return new Database(container.getHost(), port(), "postgres", container.getUsername(),
                container.getPassword());
    }

    @Override
    public int port() {
        return container.getMappedPort(POSTGRES_PORT);
    }

    @Override
    public void close() {
        container.stop();
    }
}
