package dev.ticketpay.support;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the dev token issuer on its own, as docker-compose.yml does: on all interfaces, port {@code DEV_ISSUER_PORT}
 * (default 9000), its tokens naming {@code DEV_ISSUER_URL} as issuer (default {@code http://localhost:<port>}, where
 * a browser or curl on the host reaches it). Development only: it signs a token for anyone who asks.
 */
public final class DevTokenIssuerMain {

    private DevTokenIssuerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        var settings = Settings.from(System.getenv());
        var issuer = DevTokenIssuer.start("0.0.0.0", settings.port(), settings.issuer());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            issuer.close();
            stopped.countDown();
        }, "dev-token-issuer-stop"));
        System.out.println("Dev token issuer ready on port " + issuer.port() + ": issuer " + issuer.issuer()
                + ", tokens from POST " + issuer.issuer() + "/dev/token");
        stopped.await();
    }

    /** Where the issuer listens and the issuer its tokens name, from the environment. */
    record Settings(int port, String issuer) {

        static Settings from(Map<String, String> env) {
            String port = env.getOrDefault("DEV_ISSUER_PORT", "9000").trim();
            int parsed;
            try {
                parsed = Integer.parseInt(port);
            }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException("DEV_ISSUER_PORT is not a port number: " + port, e);
            }
            String issuer = env.get("DEV_ISSUER_URL");
            return new Settings(parsed, issuer == null || issuer.isBlank() ? "http://localhost:" + parsed
                    : issuer.trim().replaceAll("/+$", ""));
        }
    }
}
