package dev.ticketpay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server run from the zonky binaries, one database per service. With a data directory
 * the cluster survives restarts (the local stack); without one it lives in a temporary folder (tests) that
 * is deleted by {@link #close()} only. {@link #stop()} and {@link #restart()} take the server down and bring
 * it back on the same data directory and port, as an operator restarting PostgreSQL would: clients see their
 * sockets close, then connections refused, then the same data again.
 */
public final class EmbeddedPostgres implements PostgresServer {

    private static final String USER = "postgres";

    private final Path dataDirectory;
    private final boolean temporary;
    private final int port;
    private final CreatedDatabases databases = new CreatedDatabases();
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(Path dataDirectory, boolean temporary,
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.server = server;
        this.port = server.getPort();
    }

    /** Starts a server on a free port; {@code dataDirectory} may be null for a throw-away cluster. */
    public static EmbeddedPostgres start(Path dataDirectory) {
        try {
            boolean temporary = dataDirectory == null;
            Path directory = temporary ? Files.createTempDirectory("ticketpay-postgres-") : dataDirectory;
            if (!temporary) {
                stopOrphanedServer(directory);
            }
            return new EmbeddedPostgres(directory, temporary, launch(directory, FreePorts.take()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /**
     * The data directory is never cleaned by zonky (it would delete it on every stop): a new one is initialised
     * because it has no {@code postgresql.conf} yet, an existing one is reused; {@link #close()} deletes a
     * temporary one.
     */
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres launch(Path directory, int port)
            throws IOException {
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                // for the load benchmarks' statement counts (dev/load); tracking is off, see below
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                // stopped by its owner after the services, not by a JVM hook racing them (nor deleting the data)
                .setRegisterShutdownHook(false)
                .setDataDirectory(directory)
                .setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        var server = builder.start();
        trackNoStatements(server.getPort());
        return server;
    }

    /**
     * pg_stat_statements loaded but tracking nothing, so it costs nothing: a load benchmark switches tracking on
     * while it measures ({@code alter system}, which a setting on the command line would override) and off again.
     */
    private static void trackNoStatements(int port) throws IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                USER, ""); var statement = connection.createStatement()) {
            statement.execute("alter system set pg_stat_statements.track = 'none'");
            statement.execute("select pg_reload_conf()");
        }
        catch (SQLException e) {
            throw new IOException("Could not configure pg_stat_statements", e);
        }
    }

    /** Stops the server (a fast shutdown: open sessions are ended); the data directory stays. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            server = null;
        }
    }

    /** Starts the server again on the same data directory and port after {@link #stop()}. */
    public synchronized void restart() {
        stop();
        try {
            server = launch(dataDirectory, port);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not restart embedded PostgreSQL on port " + port, e);
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * A server left running by a launcher that was killed still holds the data directory; stop it (its pid is
     * the first line of {@code postmaster.pid}) so this start can take over the same data.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
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

    @Override
    public Database database(String name) {
        return databases.database(administration(), name);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Database administration() {
        return new Database("localhost", port, "postgres", USER, "");
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            // a temporary folder left behind is not worth failing for
        }
    }

    /** Where one service's database is and how to log in. */
    public record Database(String host, int port, String name, String username, String password) {

        public String r2dbcUrl() {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** The database {@code name} on the same server, with the same login. */
        Database named(String name) {
            return new Database(host, port, name, username, password);
        }

        /** Creates the database {@code name} unless it exists, connected to this one as a superuser. */
        Database createIfMissing(String name) {
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl(), username, password);
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
            return named(name);
        }
    }
}
