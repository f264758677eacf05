package dev.ticketpay.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The statements and transactions each service's database ran while the load ran, per completed request: the
 * round trips a purchase costs, which CPU figures alone do not show. Transactions come from {@code pg_stat_database}
 * (each statement outside a transaction counts as one), statements from {@code pg_stat_statements}, which the local
 * stack's PostgreSQL loads with tracking off; it is switched on for the measured load only and off again after it
 * ({@code alter system}, server-wide).
 * Given {@code load.statementsDb} (a JDBC URL with {@code {db}} where the database name goes), else nothing is read.
 * Other sessions on the same server (the harness's own reads, the services' timers) are counted too.
 */
final class DatabaseStatements {

    static final List<String> DATABASES = List.of("tickets", "payments", "qrcodes");

    private final Optional<String> url;
    private final Map<String, Long> commitsAtStart = new LinkedHashMap<>();
    private String unavailable;

    DatabaseStatements(LoadSettings settings) {
        this.url = settings.statementsDb();
    }

    /** Switches tracking on and starts counting from zero. */
    void start() {
        if (url.isEmpty()) {
            return;
        }
        try {
            for (String database : DATABASES) {
                try (Connection connection = connect(database); var statement = connection.createStatement()) {
                    commitsAtStart.put(database, commits(connection));
                    if (database.equals(DATABASES.getFirst())) {
                        statement.execute("alter system set pg_stat_statements.track = 'top'");
                        statement.execute("select pg_reload_conf()");
                    }
                    statement.execute("create extension if not exists pg_stat_statements");
                }
            }
            try (Connection connection = connect(DATABASES.getFirst());
                    var statement = connection.createStatement()) {
                statement.execute("select pg_stat_statements_reset()");
            }
        }
        catch (SQLException e) {
            unavailable = e.getMessage();
        }
    }

    /**
     * Facts per completed {@code unit}: transactions and statements in each database. The statements themselves,
     * most frequent first, with calls and rows per unit, go to {@code detail}. Tracking is switched off again.
     */
    Map<String, String> perUnit(long completed, String unit, Path detail) {
        if (url.isEmpty()) {
            return Map.of();
        }
        try {
            if (unavailable != null || completed == 0) {
                return Map.of("database statements", "not measured: "
                        + (unavailable != null ? unavailable : "nothing completed"));
            }
            return read(completed, unit, detail);
        }
        finally {
            stopTracking();
        }
    }

    private Map<String, String> read(long completed, String unit, Path detail) {
        var transactions = new ArrayList<String>();
        var statements = new ArrayList<String>();
        var lines = new ArrayList<String>();
        lines.add("calls per " + unit + " | rows per " + unit + " | database | statement (" + completed + " " + unit
                + "s)");
        try {
            for (String database : DATABASES) {
                try (Connection connection = connect(database)) {
                    long commits = commits(connection) - commitsAtStart.getOrDefault(database, 0L);
                    transactions.add(database + " " + perUnit(commits, completed));
                }
            }
            try (Connection connection = connect(DATABASES.getFirst());
                    var query = connection.prepareStatement("""
                            select d.datname, s.calls, s.rows, regexp_replace(s.query, '\\s+', ' ', 'g')
                            from pg_stat_statements s join pg_database d on d.oid = s.dbid
                            where d.datname = any(?) order by s.calls desc""")) {
                query.setArray(1, connection.createArrayOf("text", DATABASES.toArray()));
                var calls = new LinkedHashMap<String, Long>();
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        String database = rows.getString(1);
                        String sql = rows.getString(4);
                        if (!isTransactionControl(sql)) {
                            calls.merge(database, rows.getLong(2), Long::sum);
                        }
                        lines.add(perUnit(rows.getLong(2), completed) + " | " + perUnit(rows.getLong(3), completed)
                                + " | " + database + " | " + sql);
                    }
                }
                DATABASES.forEach(database -> statements.add(database + " "
                        + perUnit(calls.getOrDefault(database, 0L), completed)));
            }
            Files.createDirectories(detail.getParent());
            Files.write(detail, lines);
        }
        catch (SQLException e) {
            return Map.of("database statements", "not measured: " + e.getMessage());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("database transactions per " + unit, String.join(", ", transactions),
                "database statements per " + unit + " (begin and commit not counted)", String.join(", ", statements));
    }

    /** Tracking off again, however the reading went; a server without pg_stat_statements has nothing to switch. */
    private void stopTracking() {
        try (Connection connection = connect(DATABASES.getFirst()); var statement = connection.createStatement()) {
            statement.execute("alter system set pg_stat_statements.track = 'none'");
            statement.execute("select pg_reload_conf()");
        }
        catch (SQLException e) {
            // not loaded there: it tracks nothing
        }
    }

    private static boolean isTransactionControl(String sql) {
        String word = sql.strip().split(" ", 2)[0].toUpperCase(Locale.ROOT);
        return word.equals("BEGIN") || word.equals("COMMIT") || word.equals("ROLLBACK");
    }

    private static long commits(Connection connection) throws SQLException {
        try (var query = connection.createStatement();
                var rows = query.executeQuery(
                        "select xact_commit from pg_stat_database where datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String perUnit(long count, long completed) {
        return String.format(Locale.ROOT, "%.2f", (double) count / completed);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url.get().replace("{db}", database));
    }
}
