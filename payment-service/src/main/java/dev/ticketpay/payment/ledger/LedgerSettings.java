package dev.ticketpay.payment.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the ledger reconciles.
 *
 * @param interval how often it runs by itself ({@code LEDGER_INTERVAL}); zero turns the timer off
 * @param lookback how far back charges and refunds are read at Stripe ({@code LEDGER_LOOKBACK})
 * @param settle how long a charge, refund or payment that just changed is left to the saga before the ledger
 *        judges it ({@code LEDGER_SETTLE}): webhooks and events take a moment
 * @param tokenUri an OAuth2 token endpoint for the timer's own calls to ticket-service (client credentials,
 *        {@code LEDGER_TOKEN_URI}); without it a timer run does not read tickets (an admin's run always does,
 *        with the admin's token)
 * @param clientId the ledger's OAuth2 client ({@code LEDGER_CLIENT_ID})
 * @param clientSecret its secret ({@code LEDGER_CLIENT_SECRET}); never logged
 * @param scope the scope asked for ({@code LEDGER_CLIENT_SCOPE}); ticket-service wants the {@code admin} role
 */
@ConfigurationProperties("ticketpay.ledger")
public record LedgerSettings(
        @DefaultValue("15m") Duration interval,
        @DefaultValue("7d") Duration lookback,
        @DefaultValue("5m") Duration settle,
        String tokenUri,
        String clientId,
        String clientSecret,
        @DefaultValue("admin") String scope) {

    public LedgerSettings {
        if (interval.isNegative() || settle.isNegative() || lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("ticketpay.ledger: interval and settle must not be negative, lookback "
                    + "must be positive");
        }
        tokenUri = blankToNull(tokenUri);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        if (tokenUri != null && (clientId == null || clientSecret == null)) {
            throw new IllegalArgumentException("LEDGER_TOKEN_URI needs LEDGER_CLIENT_ID and LEDGER_CLIENT_SECRET");
        }
    }

    boolean runsPeriodically() {
        return !interval.isZero();
    }

    boolean hasServiceCredentials() {
        return tokenUri != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "LedgerSettings[interval=" + interval + ", lookback=" + lookback + ", settle=" + settle + ", tokenUri="
                + tokenUri + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", scope=" + scope + "]";
    }
}
