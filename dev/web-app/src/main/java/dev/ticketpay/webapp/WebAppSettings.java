package dev.ticketpay.webapp;

import java.util.Map;

/**
 * What the web app needs to know, handed to the browser as {@code /config.js}.
 *
 * @param port where it listens (0 for any free port)
 * @param gatewayUrl the public API; the app talks to nothing else of ours
 * @param issuerUrl the OpenID provider it signs in with (discovery at {@code /.well-known/openid-configuration})
 * @param clientId its public client id at that provider (authorization code with PKCE)
 * @param devSignIn the provider is the dev token issuer: {@code /login?as=<sub>&roles=<role,...>} signs in at once
 * @param stripePublishableKey the publishable key card payments are confirmed with
 * @param stripeApiBase the Stripe sandbox's API; empty ⇒ real Stripe, whose Payment Element (Stripe.js) takes the
 *        card instead of the app's own form
 */
public record WebAppSettings(int port, String gatewayUrl, String issuerUrl, String clientId, boolean devSignIn,
        String stripePublishableKey, String stripeApiBase) {

    /** The compose container's settings: the variables of the README, defaults for the local stack's ports. */
    static WebAppSettings fromEnvironment(Map<String, String> env) {
        return new WebAppSettings(Integer.parseInt(env.getOrDefault("WEB_APP_PORT", "5173")),
                env.getOrDefault("GATEWAY_PUBLIC_URL", "http://localhost:8000"),
                env.getOrDefault("OIDC_ISSUER", "http://localhost:9000"),
                env.getOrDefault("OIDC_CLIENT_ID", "ticketpay-web"),
                Boolean.parseBoolean(env.getOrDefault("DEV_SIGN_IN", "false")),
                env.getOrDefault("STRIPE_PUBLISHABLE_KEY", ""),
                env.getOrDefault("STRIPE_SANDBOX_URL", ""));
    }
}
