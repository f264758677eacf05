package dev.ticketpay.sandbox.stripe;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox on its own, as the local stack and end-to-end tests do. Configuration comes from
 * the environment: {@code STRIPE_SANDBOX_PORT} (default 12111), {@code STRIPE_WEBHOOK_SECRET}
 * (default a fixed development {@code whsec_…}), {@code STRIPE_SANDBOX_WEBHOOK_ENDPOINTS}
 * (comma-separated URLs) and {@code STRIPE_SANDBOX_PUBLIC_URL} (base of the hosted page links).
 */
public final class StripeSandboxMain {

    private StripeSandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        StripeSandbox sandbox = StripeSandbox.start(settingsFrom(System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sandbox.close();
                            stopped.countDown();
                        },
                        "stripe-sandbox-shutdown"));
        System.out.println("Stripe sandbox ready: apiBase=" + sandbox.apiBase() + " webhookEndpoints="
                + sandbox.webhookEndpoints());
        stopped.await();
    }

    /** Settings from environment variables; separate from main so it can be tested. */
    public static StripeSandboxSettings settingsFrom(Map<String, String> env) {
        StripeSandboxSettings.Builder b = StripeSandboxSettings.builder();
        String port = blankToNull(env.get("STRIPE_SANDBOX_PORT"));
        if (port != null) {
            try {
                b.port(Integer.parseInt(port.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("STRIPE_SANDBOX_PORT is not a number: " + port, e);
            }
        }
        String secret = blankToNull(env.get("STRIPE_WEBHOOK_SECRET"));
        if (secret != null) {
            b.webhookSecret(secret.trim());
        }
        String endpoints = blankToNull(env.get("STRIPE_SANDBOX_WEBHOOK_ENDPOINTS"));
        if (endpoints != null) {
            List<String> urls = Arrays.stream(endpoints.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            b.webhookEndpoints(urls);
        }
        String publicUrl = blankToNull(env.get("STRIPE_SANDBOX_PUBLIC_URL"));
        if (publicUrl != null) {
            b.publicBaseUrl(publicUrl.trim());
        }
        return b.build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
