package dev.ticketpay.messaging;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.postgresql.api.PostgresqlStatement;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;

/**
 * The driver's connections as the services use them, beneath the pool (so the pool's own calls go through it too):
 * <ul>
 * <li><b>Closed on a thread of their own</b>, never in the thread that asks for it. r2dbc-postgresql (1.1.3, the
 * newest release) purges a closing connection's message buffer in a loop that waits for the buffer's drain flag;
 * when the close is asked for inside the driver's own delivery of a message (the pool destroying a connection as a
 * query on it ends with an error, say), the delivering frame holds that flag and the loop waits for itself: the
 * event-loop thread spins at 100 % for good and every connection it serves hangs (issue 10; reproduced in
 * {@code io.r2dbc.postgresql.CloseWhileDrainingTests}). Asked for on another thread, the same close waits only until
 * the delivery in progress returns.</li>
 * <li><b>Run without the caller's Reactor context.</b> With Micrometer's context-propagation on the class path,
 * Reactor restores the thread locals of every key in a subscriber's context around each signal of a {@code handle}
 * or {@code tap} operator (also with {@code spring.reactor.context-propagation=limited}), and the driver delivers
 * every message of the database through such operators. A request's or an event's context holds its observation, so
 * each message opened and closed the trace's scope: 8 % of ticket-service's and payment-service's profile samples on
 * a paid reservation (docs/benchmarks.md). Nothing in the driver reads the context, so each publisher it hands out (a
 * statement's results and their rows, a transaction's begin and end) is subscribed with an empty one. The caller's
 * own operators, before and after, keep theirs: Spring's transactions and our trace-restoring log lines are
 * unaffected.</li>
 * </ul>
 */
final class DriverConnections implements ConnectionFactoryDecorator {

    private final Scheduler closing;

    DriverConnections(Scheduler closing) {
        this.closing = closing;
    }

    DriverConnections() {
        this(Schedulers.boundedElastic());
    }

    @Override
    public ConnectionFactory decorate(ConnectionFactory driver) {
        return new Factory(driver);
    }

    final class Factory implements ConnectionFactory, Wrapped<ConnectionFactory> {

        private final ConnectionFactory driver;

        Factory(ConnectionFactory driver) {
            this.driver = driver;
        }

        @Override
        public Publisher<? extends Connection> create() {
            return Mono.from(driver.create()).map(DriverConnections.this::decorate).contextWrite(NO_CONTEXT);
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return driver.getMetadata();
        }

        @Override
        public ConnectionFactory unwrap() {
            return driver;
        }
    }

    /** Replaces the subscriber's context for the publishers of the driver. */
    private static final Function<Context, Context> NO_CONTEXT = context -> Context.empty();

    /**
     * The same connection, with every interface of the driver's (its PostgreSQL API included): close moves to another
     * thread, statements and publishers run without the caller's context.
     */
    Connection decorate(Connection connection) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = connection.getClass(); type != null; type = type.getSuperclass()) {
            interfaces.addAll(Set.of(type.getInterfaces()));
        }
        interfaces.add(Connection.class);
        interfaces.add(Wrapped.class);
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (isClose(method)) {
                return Mono.defer(() -> Mono.from(connection.close())).subscribeOn(closing);
            }
            switch (method.getName()) {
                case "unwrap" -> {
                    if (method.getParameterCount() == 0) {
                        return connection;
                    }
                }
                case "equals" -> {
                    return proxy == arguments[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                }
            }
            try {
                return withoutContext(method.invoke(connection, arguments));
            }
            catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(connection.getClass().getClassLoader(),
                interfaces.toArray(Class<?>[]::new), handler);
    }

    private static boolean isClose(Method method) {
        return method.getName().equals("close") && method.getParameterCount() == 0;
    }

    /** A connection method's answer: its statement or publisher without context, anything else as it is. */
    private static Object withoutContext(Object answer) {
        if (answer instanceof PostgresqlStatement statement) {
            return new ContextFreeStatement(statement);
        }
        if (answer instanceof Mono<?> mono) {
            return mono.contextWrite(NO_CONTEXT);
        }
        if (answer instanceof Publisher<?> publisher) {
            return Flux.from(publisher).contextWrite(NO_CONTEXT);
        }
        return answer;
    }

    /** A statement whose results, and their rows, are delivered without the caller's context. */
    record ContextFreeStatement(PostgresqlStatement statement)
            implements PostgresqlStatement, Wrapped<PostgresqlStatement> {

        @Override
        public PostgresqlStatement add() {
            statement.add();
            return this;
        }

        @Override
        public PostgresqlStatement bind(String name, Object value) {
            statement.bind(name, value);
            return this;
        }

        @Override
        public PostgresqlStatement bind(int index, Object value) {
            statement.bind(index, value);
            return this;
        }

        @Override
        public PostgresqlStatement bindNull(String name, Class<?> type) {
            statement.bindNull(name, type);
            return this;
        }

        @Override
        public PostgresqlStatement bindNull(int index, Class<?> type) {
            statement.bindNull(index, type);
            return this;
        }

        @Override
        public PostgresqlStatement fetchSize(int rows) {
            statement.fetchSize(rows);
            return this;
        }

        @Override
        public PostgresqlStatement returnGeneratedValues(String... columns) {
            statement.returnGeneratedValues(columns);
            return this;
        }

        @Override
        public Flux<PostgresqlResult> execute() {
            return statement.execute().<PostgresqlResult>map(ContextFreeResult::new).contextWrite(NO_CONTEXT);
        }

        @Override
        public PostgresqlStatement unwrap() {
            return statement;
        }
    }

    /** A result whose rows, counts and segments are delivered without the caller's context. */
    record ContextFreeResult(PostgresqlResult result) implements PostgresqlResult, Wrapped<PostgresqlResult> {

        @Override
        public Mono<Long> getRowsUpdated() {
            return result.getRowsUpdated().contextWrite(NO_CONTEXT);
        }

        @Override
        public <T> Flux<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
            return result.<T>map(mapping).contextWrite(NO_CONTEXT);
        }

        @Override
        public PostgresqlResult filter(Predicate<Result.Segment> filter) {
            return new ContextFreeResult(result.filter(filter));
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Result.Segment, ? extends Publisher<? extends T>> mapping) {
            return Flux.<T>from(result.flatMap(mapping)).contextWrite(NO_CONTEXT);
        }

        @Override
        public PostgresqlResult unwrap() {
            return result;
        }
    }
}
