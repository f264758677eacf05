package dev.ticketpay.support;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which Kafka and PostgreSQL the tests run on: Testcontainers when a Docker engine answers, else the embedded ones.
 * {@value #PROPERTY} (system property) or {@value #VARIABLE} (environment) overrides the choice with
 * {@code embedded}, {@code containers} or {@code auto} (the default).
 */
public enum TestInfrastructure {

    EMBEDDED, CONTAINERS;

    public static final String PROPERTY = "ticketpay.test.infrastructure";
    public static final String VARIABLE = "TICKETPAY_TEST_INFRASTRUCTURE";

    /** What was chosen and why, for the line printed at start. */
    public record Choice(TestInfrastructure infrastructure, String reason) {
    }

    /**
     * The choice for {@code requested} (null or blank: auto); {@code dockerAvailable} is asked only for auto.
     *
     * @throws IllegalArgumentException for a value other than embedded, containers or auto
     */
    public static Choice choose(String requested, BooleanSupplier dockerAvailable) {
        String value = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "embedded" -> new Choice(EMBEDDED, PROPERTY + "=embedded");
            case "containers" -> new Choice(CONTAINERS, PROPERTY + "=containers");
            case "auto" -> dockerAvailable.getAsBoolean()
                    ? new Choice(CONTAINERS, "a Docker engine answers")
                    : new Choice(EMBEDDED, "no Docker engine");
            default -> throw new IllegalArgumentException(PROPERTY + " (or " + VARIABLE
                    + ") must be embedded, containers or auto, not '" + requested + "'");
        };
    }

    /** The override this JVM was given: the system property, else the environment variable, else null. */
    public static String requested() {
        String property = System.getProperty(PROPERTY);
        return property != null ? property : System.getenv(VARIABLE);
    }
}
