package dev.ticketpay.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import dev.ticketpay.support.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import redis.embedded.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With {@code store: redis}, two gateway instances share each caller's budget through one real Redis server:
 * what a caller spent on one instance counts on the other, refused webhook deliveries included. When Redis goes
 * away, requests pass.
 */
class RedisRateLimitIntegrationTests {

    static final Duration WINDOW = Duration.ofSeconds(30);
    static final DisposableServer backend = StandInBackend.answeringEmptyJson();
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    static RedisServer redis;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws IOException {
        int redisPort = FreePorts.take();
        redis = new RedisServer(redisPort);
        redis.start();
        first = gateway(redisPort);
        second = gateway(redisPort);
    }

    @AfterAll
    static void stop() throws IOException {
        first.close();
        second.close();
        backend.disposeNow();
        if (redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    void instancesShareOneBudgetPerCallerAndLetRequestsThroughWhenRedisIsDown() throws IOException {
        var one = client(first);
        var other = client(second);
        String alice = tokens.mint("alice-shared-" + System.nanoTime(), List.of("user"), null);
        String bob = tokens.mint("bob-shared-" + System.nanoTime(), List.of("user"), null);
        // the first request to each instance fetches the issuer's keys and connects to Redis: not inside the window
        String warmUp = tokens.mint("warm-up-" + System.nanoTime(), List.of("user"), null);
        one.get().uri("/api/events").headers(h -> h.setBearerAuth(warmUp)).exchange().expectStatus().isOk();
        other.get().uri("/api/events").headers(h -> h.setBearerAuth(warmUp)).exchange().expectStatus().isOk();

        one.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk();
        one.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk();
        other.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk();
        other.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.detail").exists();
        one.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isEqualTo(429);
        other.get().uri("/api/events").headers(h -> h.setBearerAuth(bob)).exchange().expectStatus().isOk();

        // refused webhook deliveries count across instances too: two unsigned ones spend this IP's budget of 2
        WebhookRateLimitIntegrationTests.delivery(one, "{}", null).expectStatus().isBadRequest();
        WebhookRateLimitIntegrationTests.delivery(one, "{}", "t=1,v1=abc").expectStatus().isBadRequest();
        WebhookRateLimitIntegrationTests.delivery(other, "{}", "t=1,v1=" + "ab".repeat(32))
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");

        redis.stop();
        one.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk();
    }

    static ConfigurableApplicationContext gateway(int redisPort) {
        String url = "http://localhost:" + backend.port();
        // own Netty resources: closing this gateway must not dispose the global ones the other tests' gateway uses
        ApplicationContextInitializer<GenericApplicationContext> ownNettyResources = context -> context.registerBean(
                ReactorResourceFactory.class, () -> {
                    var resources = new ReactorResourceFactory();
                    resources.setUseGlobalResources(false);
                    return resources;
                });
        return new SpringApplicationBuilder(GatewayApplication.class).initializers(ownNettyResources).run(
                "--server.port=0", "--management.server.port=0",
                "--TICKET_SERVICE_URL=" + url, "--PAYMENT_SERVICE_URL=" + url, "--QR_SERVICE_URL=" + url,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + tokens.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + tokens.jwkSetUri(),
                "--ticketpay.rate-limit.store=redis",
                "--ticketpay.rate-limit.standard=3",
                "--ticketpay.rate-limit.webhook=2",
                "--ticketpay.rate-limit.window=" + WINDOW.toSeconds() + "s",
                "--spring.data.redis.port=" + redisPort);
    }

    static WebTestClient client(ConfigurableApplicationContext gateway) {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10))
                .build();
    }
}
