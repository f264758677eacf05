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
 * @param aotCache each service starts from a JDK AOT cache kept in {@code <dataDirectory>/aot}, recorded on the
 *         first start ({@link AotCache}); worth it only for a stack that is started again and again
 * @param trainAotCache this run is a training run: each service records a new AOT cache over its whole run, with the
 *         JIT's profiles of the load it served, and that cache replaces the start-up one when the stack stops
 * @param webAppPort where the web app is served (0 for any free port; then its URL replaces {@code frontendUrl}
 *         for the payment redirects and the gateway's CORS origin); negative ⇒ no web app
 */
public record StackSettings(Path root, Path dataDirectory, int gatewayPort, int[] ticketPorts, int paymentPort,
        int qrPort, int issuerPort, int sandboxPort, String frontendUrl, String stripeSecretKey,
        String stripeWebhookSecret, String reservationHold, boolean freshDatabase,
        Map<String, String> serviceEnvironment, boolean restartableKafka, boolean aotCache, int webAppPort,
        boolean trainAotCache) {

    public StackSettings {
        serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** Settings of a run that is not an AOT training run. */
    public StackSettings(Path root, Path dataDirectory, int gatewayPort, int[] ticketPorts, int paymentPort,
            int qrPort, int issuerPort, int sandboxPort, String frontendUrl, String stripeSecretKey,
            String stripeWebhookSecret, String reservationHold, boolean freshDatabase,
            Map<String, String> serviceEnvironment, boolean restartableKafka, boolean aotCache, int webAppPort) {
        this(root, dataDirectory, gatewayPort, ticketPorts, paymentPort, qrPort, issuerPort, sandboxPort, frontendUrl,
                stripeSecretKey, stripeWebhookSecret, reservationHold, freshDatabase, serviceEnvironment,
                restartableKafka, aotCache, webAppPort, false);
    }

    /** Settings without the web app. */
    public StackSettings(Path root, Path dataDirectory, int gatewayPort, int[] ticketPorts, int paymentPort,
            int qrPort, int issuerPort, int sandboxPort, String frontendUrl, String stripeSecretKey,
            String stripeWebhookSecret, String reservationHold, boolean freshDatabase,
            Map<String, String> serviceEnvironment, boolean restartableKafka, boolean aotCache) {
        this(root, dataDirectory, gatewayPort, ticketPorts, paymentPort, qrPort, issuerPort, sandboxPort, frontendUrl,
                stripeSecretKey, stripeWebhookSecret, reservationHold, freshDatabase, serviceEnvironment,
                restartableKafka, aotCache, -1);
    }

    /** Settings without AOT caches. */
    public StackSettings(Path root, Path dataDirectory, int gatewayPort, int[] ticketPorts, int paymentPort,
            int qrPort, int issuerPort, int sandboxPort, String frontendUrl, String stripeSecretKey,
            String stripeWebhookSecret, String reservationHold, boolean freshDatabase,
            Map<String, String> serviceEnvironment, boolean restartableKafka) {
        this(root, dataDirectory, gatewayPort, ticketPorts, paymentPort, qrPort, issuerPort, sandboxPort, frontendUrl,
                stripeSecretKey, stripeWebhookSecret, reservationHold, freshDatabase, serviceEnvironment,
                restartableKafka, false);
    }

    /** Settings without extra service environment and with a throw-away Kafka broker. */
    public StackSettings(Path root, Path dataDirectory, int gatewayPort, int[] ticketPorts, int paymentPort,
            int qrPort, int issuerPort, int sandboxPort, String frontendUrl, String stripeSecretKey,
            String stripeWebhookSecret, String reservationHold, boolean freshDatabase) {
        this(root, dataDirectory, gatewayPort, ticketPorts, paymentPort, qrPort, issuerPort, sandboxPort, frontendUrl,
                stripeSecretKey, stripeWebhookSecret, reservationHold, freshDatabase, Map.of(), false);
    }

    /** The defaults of the README, each overridable by an environment variable. */
    static StackSettings fromEnvironment(Path root) {
        Map<String, String> env = System.getenv();
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
                false, Map.of(), false, !"false".equals(env.get("LOCAL_STACK_AOT")), webAppPort,
                "train".equals(env.get("LOCAL_STACK_AOT")));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }

    boolean usesSandbox() {
        return stripeSecretKey == null || stripeSecretKey.isBlank();
    }
}
