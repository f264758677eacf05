package dev.ticketpay.sandbox.stripe.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Currency facts Stripe applies: amounts are always in the smallest unit, zero-decimal currencies
 * (jpy, krw, …) have no minor unit, and each currency has a minimum charge amount.
 */
public final class Currencies {

    /** Stripe's zero-decimal currencies: 1500 jpy is ¥1,500, not ¥15. */
    public static final Set<String> ZERO_DECIMAL = Set.of(
            "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof",
            "xpf");

    /** Minimum charge amounts from Stripe's docs, in the smallest unit. */
    private static final Map<String, Long> MINIMUMS = Map.ofEntries(
            Map.entry("usd", 50L),
            Map.entry("aed", 200L),
            Map.entry("aud", 50L),
            Map.entry("bgn", 100L),
            Map.entry("brl", 50L),
            Map.entry("cad", 50L),
            Map.entry("chf", 50L),
            Map.entry("czk", 1500L),
            Map.entry("dkk", 250L),
            Map.entry("eur", 50L),
            Map.entry("gbp", 30L),
            Map.entry("hkd", 400L),
            Map.entry("huf", 17500L),
            Map.entry("inr", 50L),
            Map.entry("jpy", 50L),
            Map.entry("mxn", 1000L),
            Map.entry("myr", 200L),
            Map.entry("nok", 300L),
            Map.entry("nzd", 50L),
            Map.entry("pln", 200L),
            Map.entry("ron", 200L),
            Map.entry("sek", 300L),
            Map.entry("sgd", 50L),
            Map.entry("thb", 1000L));

    /** Stripe caps amounts at eight digits in the smallest unit. */
    public static final long MAX_AMOUNT = 99_999_999L;

    private Currencies() {}

    public static boolean isZeroDecimal(String currency) {
        return ZERO_DECIMAL.contains(currency);
    }

    /** Validates and lower-cases a currency as Stripe does ({@code Invalid currency: xyz}). */
    public static String parse(String value, String param) {
        String lower = value.toLowerCase(Locale.ROOT);
        try {
            Currency.getInstance(lower.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw StripeApiException.invalid("Invalid currency: " + lower + ".", param);
        }
        if (lower.length() != 3) {
            throw StripeApiException.invalid("Invalid currency: " + lower + ".", param);
        }
        return lower;
    }

    public static long minimum(String currency) {
        return MINIMUMS.getOrDefault(currency, isZeroDecimal(currency) ? 1L : 50L);
    }

    /** Human format for the hosted page and messages, e.g. {@code ¥1,500} or {@code $12.34}. */
    public static String format(long amount, String currency) {
        Currency c;
        try {
            c = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return amount + " " + currency;
        }
        int digits = isZeroDecimal(currency) ? 0 : 2;
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(c);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(amount, digits));
    }

    /** Stripe's wording for the minimum: "Amount must be at least $0.50 usd". */
    public static String minimumMessage(String currency) {
        return Currencies.format(minimum(currency), currency) + " " + currency;
    }
}
