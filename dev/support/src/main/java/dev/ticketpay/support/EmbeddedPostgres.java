package dev.ticketpay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real PostgreSQL server run from the zonky binaries, one database per service. With a data directory
 * the cluster survives restarts (the local stack); without one it lives in a temporary folder (tests).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String USER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server on a free port; {@code dataDirectory} may be null for a throw-away cluster. */
    public static EmbeddedPostgres start(Path dataDirectory) {
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    // stopped by its owner after the services, not by a JVM hook racing them
                    .setRegisterShutdownHook(false);
            if (dataDirectory != null) {
                stopOrphanedServer(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgres(builder.start());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /**
     * A server left running by a launcher that was killed still holds the data directory; stop it (its pid is
     * the first line of {@code postmaster.pid}) so this start can take over the same data.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!java.nio.file.Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).getFirst().trim());
        }
        catch (RuntimeException e) {
            return;
        }
        var orphan = ProcessHandle.of(pid).filter(process -> process.info().command()
                .map(command -> command.endsWith("postgres")).orElse(false));
        if (orphan.isPresent()) {
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            catch (Exception e) {
                orphan.get().destroyForcibly();
            }
        }
    }

    /** The named database, created on first use. */
    public Database database(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        if (created.add(name)) {
            createIfMissing(name);
        }
        return new Database(server.getPort(), name, USER, "");
    }

    public int port() {
        return server.getPort();
    }

    private void createIfMissing(String name) {
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, "");
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where one service's database is and how to log in. */
    public record Database(int port, String name, String username, String password) {

        public String r2dbcUrl() {
            return "r2dbc:postgresql://localhost:" + port + "/" + name;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/" + name;
        }
    }
}
