package dev.ticketpay.messaging;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;

/**
 * Closes the driver's connections on a thread of their own, never in the thread that asks for it. r2dbc-postgresql
 * (1.1.3, the newest release) purges a closing connection's message buffer in a loop that waits for the buffer's
 * drain flag; when the close is asked for inside the driver's own delivery of a message (the pool destroying a
 * connection as a query on it ends with an error, say), the delivering frame holds that flag and the loop waits for
 * itself: the event-loop thread spins at 100 % for good and every connection it serves hangs (issue 10; reproduced in
 * {@code io.r2dbc.postgresql.CloseWhileDrainingTests}). Asked for on another thread, the same close waits only until
 * the delivery in progress returns. Applied beneath the pool, so the pool's own closes are covered too.
 */
final class OffThreadClose implements ConnectionFactoryDecorator {

    private final Scheduler closing;

    OffThreadClose(Scheduler closing) {
        this.closing = closing;
    }

    OffThreadClose() {
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
            return Mono.from(driver.create()).map(OffThreadClose.this::closingElsewhere);
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

    /** The same connection, with every interface of the driver's (its PostgreSQL API included); only close moves. */
    Connection closingElsewhere(Connection connection) {
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
                return method.invoke(connection, arguments);
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
}
