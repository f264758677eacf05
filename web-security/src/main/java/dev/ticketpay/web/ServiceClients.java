package dev.ticketpay.web;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP clients one service uses to call another (ticket-service's verify asking payment-service, payment-service
 * looking orders and tickets up at ticket-service), on one pool of connections that are not kept for ever: one
 * unused for {@link Settings#maxIdleTime()} is closed, every one is replaced after {@link Settings#maxLifeTime()},
 * and the most recently used is taken first, so the extra ones a burst opened go idle and close.
 *
 * <p>Before, each client took Reactor Netty's global pool (500 connections per address, as here), which keeps every
 * connection, idle or not, for the life of the process: anything between two services that forgets idle connections
 * (a load balancer, kube-proxy's IPVS, a NAT) dropped one unseen and failed the next call sent on it, a 503 for the
 * buyer.
 */
public final class ServiceClients implements AutoCloseable {

    /**
     * @param maxIdleTime a connection unused for this long is closed ({@code SERVICE_CLIENT_MAX_IDLE_TIME}, 30 s):
     *        keep it below the idle timeout of anything between the services
     * @param maxLifeTime every connection is replaced after this long (5 min); one in use when its exchange ends
     * @param evictionInterval how often idle and old connections are looked for in the background (10 s)
     */
    public record Settings(Duration maxIdleTime, Duration maxLifeTime, Duration evictionInterval) {
    }

    private final Settings settings;
    private final ConnectionProvider connections;

    public ServiceClients(Settings settings) {
        this.settings = settings;
        this.connections = ConnectionProvider.builder("ticketpay-services")
                .maxConnections(500)
                .maxIdleTime(settings.maxIdleTime())
                .maxLifeTime(settings.maxLifeTime())
                .evictInBackground(settings.evictionInterval())
                .lifo()
                // gauges of each service's connections (total, active, idle, pending) in the service's metrics
                .metrics(true)
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /** A client on this pool; the caller adds its base URL, headers and timeout. */
    public WebClient.Builder builder() {
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)));
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
