package dev.ticketpay.support;

/**
 * A PostgreSQL server the tests talk to, one database per service: embedded ({@link EmbeddedPostgres}) or in a
 * container.
 */
public interface PostgresServer extends AutoCloseable {

    /** The named database, created on first use. */
    EmbeddedPostgres.Database database(String name);

    /** The server's maintenance database, as a superuser: for administration such as refusing connections. */
    EmbeddedPostgres.Database administration();

    /** The port clients connect to. */
    int port();

    @Override
    void close();
}
