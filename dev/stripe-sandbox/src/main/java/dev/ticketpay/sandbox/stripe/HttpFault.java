package dev.ticketpay.sandbox.stripe;

import java.time.Duration;
import java.util.Locale;

/**
 * One fault rule for the sandbox's API: the next {@code times} matching requests fail the given
 * way. A rule without {@code path} matches every {@code /v1/…} request; a path ending in {@code *}
 * matches by prefix, otherwise exactly. A {@code null} method matches any method.
 *
 * @param kind how the request fails
 * @param times how many matching requests it hits
 * @param method HTTP method to match, or {@code null}
 * @param path path to match, or {@code null} for any {@code /v1/} path
 * @param hangFor how long {@link Kind#HANG} and {@link Kind#HANG_AFTER_PROCESSING} hold the response
 */
public record HttpFault(Kind kind, int times, String method, String path, Duration hangFor) {

    /** The ways a request can fail. */
    public enum Kind {
        /** 500 with Stripe's {@code api_error}; nothing is executed. */
        SERVER_ERROR,
        /** 429 with Stripe's {@code rate_limit} error; nothing is executed. */
        RATE_LIMIT,
        /** No answer for {@code hangFor} (then a 500), nothing executed: the client times out. */
        HANG,
        /**
         * The request is executed but its answer is held for {@code hangFor}: the client times out
         * although the object exists, which is what idempotent retries are for.
         */
        HANG_AFTER_PROCESSING
    }

    /** Long enough to outlast stripe-java's default 80 s read timeout. */
    public static final Duration DEFAULT_HANG = Duration.ofSeconds(90);

    public HttpFault {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        hangFor = hangFor == null ? DEFAULT_HANG : hangFor;
    }

    public static HttpFault serverError(int times) {
        return new HttpFault(Kind.SERVER_ERROR, times, null, null, null);
    }

    public static HttpFault rateLimit(int times) {
        return new HttpFault(Kind.RATE_LIMIT, times, null, null, null);
    }

    public static HttpFault hang(int times, Duration hangFor) {
        return new HttpFault(Kind.HANG, times, null, null, hangFor);
    }

    public static HttpFault hangAfterProcessing(int times, Duration hangFor) {
        return new HttpFault(Kind.HANG_AFTER_PROCESSING, times, null, null, hangFor);
    }

    /** The same rule restricted to one method and path (path may end in {@code *}). */
    public HttpFault on(String method, String path) {
        return new HttpFault(kind, times, method, path, hangFor);
    }

    boolean matches(String requestMethod, String requestPath) {
        if (method != null && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        if (path == null) {
            return requestPath.startsWith("/v1/");
        }
        if (path.endsWith("*")) {
            return requestPath.startsWith(path.substring(0, path.length() - 1));
        }
        return requestPath.equals(path);
    }
}
