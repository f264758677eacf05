package dev.ticketpay.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code dev/local-stack/run}: starts the stack, prints where everything is, runs until Ctrl-C. */
public final class LocalStackMain {

    public static void main(String[] args) throws InterruptedException {
        var settings = StackSettings.fromEnvironment(Path.of("").toAbsolutePath());
        System.out.println("Starting ticketpay (data in " + settings.dataDirectory() + ") ...");
        var stack = LocalStack.start(settings);
        stack.seedDemoEvents();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping ticketpay ...");
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        String token = stack.issuer().mint("alice", List.of("user"), "alice@example.com");
        System.out.println("""

                ticketpay is up.
                  gateway (the public API)  %s
                  dev token issuer          %s   (POST /dev/token {"sub","roles","email"})
                  %s
                  service logs              %s
                  frontend redirects go to  %s

                A token for the demo user alice (valid 1 hour):
                  export TOKEN=%s

                Buy a free ticket:
                  curl -s %s/api/events -H "Authorization: Bearer $TOKEN"
                  curl -s -X POST %s/api/payments/create-payment-intent/ -H "Authorization: Bearer $TOKEN" \\
                       -H 'Content-Type: application/json' -d '{"event_id": 1, "quantity": 1}'

                Ctrl-C stops everything.
                """.formatted(stack.gatewayUrl(), stack.issuer().issuer(),
                stack.sandbox() != null ? "Stripe sandbox            " + stack.sandbox().apiBase()
                        : "Stripe                    the real Stripe API (STRIPE_SECRET_KEY is set)",
                settings.dataDirectory().resolve("logs"), settings.frontendUrl(), token, stack.gatewayUrl(),
                stack.gatewayUrl()));
        stopped.await();
    }

    private LocalStackMain() {
    }
}
