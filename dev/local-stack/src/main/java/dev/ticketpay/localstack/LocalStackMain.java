package dev.ticketpay.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/** {@code dev/local-stack/run}: starts the stack, prints where everything is, runs until Ctrl-C. */
public final class LocalStackMain {

    public static void main(String[] args) throws InterruptedException {
        StackSettings settings;
        try {
            settings = StackSettings.fromEnvironment(Path.of("").toAbsolutePath());
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Starting ticketpay (data in " + settings.dataDirectory() + ") ...");
        var stack = LocalStack.start(settings, kafkaPort(System.getenv()));
        stack.seedDemoEvents();
        var stopped = new CountDownLatch(1);
        var stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                System.out.println("Stopping ticketpay ...");
                stack.close();
                stopped.countDown();
            }
        };
        // Ctrl-C and kill stop the stack while the JVM still runs normally, before any shutdown hook: Kafka's own
        // hook deletes the broker's folder, which must not happen while the services are still finishing their work
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), received -> Thread.ofPlatform().name("local-stack-stop").start(() -> {
                stop.run();
                System.exit(0);
            }));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-stack-stop-on-exit"));
        String token = stack.issuer().mint("alice", List.of("user"), "alice@example.com");
        System.out.println("""

                ticketpay is up. Open the web app: %s
                  (sign in as a demo buyer: %s/login?as=alice&roles=user, door staff: ?as=dora&roles=staff)

                  gateway (the public API)  %s
                  API documents             %s/docs   (OpenAPI: %s/v3/api-docs, events: %s/docs/events)
                  Kafka                     %s   (e.g. kcat -b %s -t payments.v1 -f '%%h %%s\\n')
                  dev token issuer          %s   (POST /dev/token {"sub","roles","email"})
                  %s
                  service logs              %s
                  frontend redirects go to  %s

                Metrics for Prometheus (dashboard: dev/grafana/ticketpay.json, see docs/operations.md):
                %s

                A token for the demo user alice (valid 1 hour):
                  export TOKEN=%s

                Buy a free ticket:
                  curl -s %s/api/events -H "Authorization: Bearer $TOKEN"
                  curl -s -X POST %s/api/payments/create-payment-intent/ -H "Authorization: Bearer $TOKEN" \\
                       -H 'Content-Type: application/json' -d '{"event_id": 1, "quantity": 1}'

                Ctrl-C stops everything.
                """.formatted(stack.webAppUrl(), stack.webAppUrl(), stack.gatewayUrl(), stack.gatewayUrl(),
                stack.gatewayUrl(), stack.gatewayUrl(), stack.kafkaBootstrapServers(), stack.kafkaBootstrapServers(),
                stack.issuer().issuer(),
                stack.sandbox() != null ? "Stripe sandbox            " + stack.sandbox().apiBase()
                        : "Stripe                    the real Stripe API (STRIPE_SECRET_KEY is set)",
                settings.dataDirectory().resolve("logs"), stack.frontendUrl(), metrics(stack), token,
                stack.gatewayUrl(),
                stack.gatewayUrl()));
        stopped.await();
    }

    /** Kafka's usual 9092, so that other teams' consumers find it; {@code KAFKA_PORT} moves it. */
    static int kafkaPort(Map<String, String> env) {
        return Integer.parseInt(env.getOrDefault("KAFKA_PORT", "9092"));
    }

    /** One line per process; the gateway's metrics are on its management port, never on the public one. */
    private static String metrics(LocalStack stack) {
        var lines = new StringBuilder();
        stack.prometheusUrls().forEach((name, url) -> lines.append("  ").append(String.format("%-26s", name))
                .append(url).append(name.equals("gateway") ? "   (management port)" : "").append('\n'));
        lines.append("  traces: set OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://localhost:4318) before starting");
        return lines.toString();
    }

    private LocalStackMain() {
    }
}
