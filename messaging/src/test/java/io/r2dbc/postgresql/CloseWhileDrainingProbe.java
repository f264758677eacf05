package io.r2dbc.postgresql;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.postgresql.message.backend.BackendMessage;
import io.r2dbc.postgresql.message.backend.DataRow;
import io.r2dbc.postgresql.message.frontend.Query;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

/**
 * Run as its own JVM: closes a connection from inside the driver's delivery of a message while later messages
 * of the same query wait in its buffer, and prints how much CPU the closing thread burns in the next two seconds.
 * Arguments: host port database user password mode, mode {@code inline} (the driver's close, in the delivering
 * thread) or {@code services} (the close of the connection as the services get it, through {@code DriverConnections}).
 */
public final class CloseWhileDrainingProbe {

    public static void main(String[] args) throws Exception {
        var factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder().host(args[0])
                .port(Integer.parseInt(args[1])).database(args[2]).username(args[3]).password(args[4]).build());
        boolean inline = "inline".equals(args[5]);
        var connection = factory.create().block(Duration.ofSeconds(10));
        var services = dev.ticketpay.messaging.DriverConnectionsAccess.decorate(connection);
        var client = ((PostgresqlConnection) connection).getClient();
        var rows = new AtomicInteger();
        var closing = new CountDownLatch(1);
        var subscriber = new BaseSubscriber<BackendMessage>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(BackendMessage message) {
                if (message instanceof DataRow row) {
                    row.release();
                    if (rows.incrementAndGet() == 1) {
                        closing.countDown();
                        // inline: the driver's close; services: the close of the connection as the services get it
                        Mono.from(inline ? client.close() : services.close()).subscribe(done -> { }, error -> { });
                    }
                }
            }
        };
        // fewer rows than the driver's buffer holds: they wait there, since nobody asked for them
        client.exchange(Mono.just(new Query("select g from generate_series(1, 100) g"))).subscribe(subscriber);
        // the rows arrive within milliseconds and wait in the driver's buffer (a poll delay, as the tests wait)
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        var requester = new Thread(() -> subscriber.request(1), "requester");
        requester.setDaemon(true);
        requester.start();
        closing.await(5, TimeUnit.SECONDS);
        var threads = ManagementFactory.getThreadMXBean();
        long before = threads.getThreadCpuTime(requester.threadId());
        requester.join(2000);
        long after = threads.getThreadCpuTime(requester.threadId());
        System.out.println("PROBE " + (requester.isAlive() ? "stuck" : "returned") + " cpu-ms "
                + Math.max(0, after - before) / 1_000_000);
        for (var frame : requester.getStackTrace()) {
            System.out.println("PROBE at " + frame);
        }
        System.exit(0);
    }
}
