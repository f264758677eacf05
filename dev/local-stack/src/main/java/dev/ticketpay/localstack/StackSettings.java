package dev.ticketpay.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the stack runs.
 *
 * @param root the repository (service jars are found under {@code <module>/target})
 * @param dataDirectory PostgreSQL data, the QR signing key and the service logs; kept across restarts
 * @param gatewayPort public port (8000 by default, the API documents' base URL)
 * @param ticketPorts one port per ticket-service instance
 * @param stripeSecretKey a real Stripe key; empty ⇒ the Stripe sandbox is started and used
 * @param serviceEnvironment more environment variables for every service (tuning such as short backoffs)
 * @param restartableKafka Kafka keeps its log in {@code <dataDirectory>/kafka} (emptied first) on fixed ports,
 *         so it can be stopped and started again; otherwise a throw-away broker
 * @param aotCaches whether each service starts from a JDK AOT cache kept in {@code <dataDirectory>/aot}, and
 *         whether this run trains it ({@link AotCaches}); worth it only for a stack that is started again and again
 * @param webAppPort where the web app is served (0 for any free port; then its URL replaces {@code frontendUrl}
 *         for the payment redirects and the gateway's CORS origin); negative ⇒ no web app
 */
public record StackSettings(Path root, Path dataDirectory, int gatewayPort, int[] ticketPorts, int paymentPort,
        int qrPort, int issuerPort, int sandboxPort, String frontendUrl, String stripeSecretKey,
        String stripeWebhookSecret, String reservationHold, boolean freshDatabase,
        Map<String, String> serviceEnvironment, boolean restartableKafka, AotCaches aotCaches, int webAppPort) {

    /** The services' JDK AOT caches ({@link AotCache}), as {@code LOCAL_STACK_AOT} asks. */
    public enum AotCaches {

        /** Every service starts without one ({@code false}). */
        NONE,

        /** Each service starts from its cache, recorded over its start-up when missing (unset, or {@code true}). */
        START_UP,

        /**
         * A training run ({@code train}): each service records a new cache over its whole run, with the JIT's
         * profiles of the load it served, and that cache replaces the start-up one when the stack stops.
         */
        TRAINING;

        /** The value of {@code LOCAL_STACK_AOT}; anything but the three words is refused rather than guessed. */
        static AotCaches of(String setting) {
            return switch (setting == null ? "" : setting.trim()) {
                case "", "true" -> START_UP;
                case "false" -> NONE;
                case "train" -> TRAINING;
                default -> throw new IllegalArgumentException(
                        "LOCAL_STACK_AOT is true, false or train, not '" + setting + "'");
            };
        }
    }

    public StackSettings {
        serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** Settings without AOT caches and without the web app. */
    public StackSettings(Path root, Path dataDirectory, int gatewayPort, int[] ticketPorts, int paymentPort,
            int qrPort, int issuerPort, int sandboxPort, String frontendUrl, String stripeSecretKey,
            String stripeWebhookSecret, String reservationHold, boolean freshDatabase,
            Map<String, String> serviceEnvironment, boolean restartableKafka) {
        this(root, dataDirectory, gatewayPort, ticketPorts, paymentPort, qrPort, issuerPort, sandboxPort, frontendUrl,
                stripeSecretKey, stripeWebhookSecret, reservationHold, freshDatabase, serviceEnvironment,
                restartableKafka, AotCaches.NONE, -1);
    }

    /** The defaults of the README, each overridable by an environment variable. */
    static StackSettings fromEnvironment(Path root) {
        return fromEnvironment(root, System.getenv());
    }

    static StackSettings fromEnvironment(Path root, Map<String, String> env) {
        int webAppPort = port(env, "WEB_APP_PORT", 5173);
        return new StackSettings(root,
                Path.of(env.getOrDefault("LOCAL_STACK_DATA", root.resolve(".local-stack").toString())),
                port(env, "GATEWAY_PORT", 8000),
                new int[] {port(env, "TICKET_SERVICE_PORT", 8081)},
                port(env, "PAYMENT_SERVICE_PORT", 8082),
                port(env, "QR_SERVICE_PORT", 8083),
                port(env, "DEV_ISSUER_PORT", 9000),
                port(env, "STRIPE_SANDBOX_PORT", 12111),
                env.getOrDefault("FRONTEND_URL", "http://localhost:" + webAppPort),
                env.getOrDefault("STRIPE_SECRET_KEY", ""),
                env.getOrDefault("STRIPE_WEBHOOK_SECRET", ""),
                env.getOrDefault("TICKET_HOLD", "30m"),
                false, Map.of(), false, AotCaches.of(env.get("LOCAL_STACK_AOT")), webAppPort);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }

    boolean usesSandbox() {
        return stripeSecretKey == null || stripeSecretKey.isBlank();
    }
}
