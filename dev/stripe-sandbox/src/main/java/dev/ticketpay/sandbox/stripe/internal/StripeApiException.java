package dev.ticketpay.sandbox.stripe.internal;

import tools.jackson.databind.node.ObjectNode;

/**
 * An error the sandbox answers in Stripe's error object, {@code {"error":{type, code, message,
 * param, …}}}, with Stripe's HTTP status. {@code extra} carries what Stripe adds for card errors
 * (decline_code, charge, payment_intent, payment_method).
 */
public final class StripeApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final ObjectNode extra;
    private final boolean executed;

    private StripeApiException(
            int status, String type, String code, String message, String param, ObjectNode extra, boolean executed) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.extra = extra;
        this.executed = executed;
    }

    /** 400 invalid_request_error; the request was refused before doing anything. */
    public static StripeApiException invalid(String message, String param) {
        return new StripeApiException(400, "invalid_request_error", null, message, param, null, false);
    }

    /** 400 invalid_request_error with one of Stripe's error codes. */
    public static StripeApiException invalid(String code, String message, String param) {
        return new StripeApiException(400, "invalid_request_error", code, message, param, null, false);
    }

    /** 400 with code and extra fields (e.g. the payment_intent Stripe attaches to state errors). */
    public static StripeApiException invalid(String code, String message, String param, ObjectNode extra) {
        return new StripeApiException(400, "invalid_request_error", code, message, param, extra, false);
    }

    public static StripeApiException missingParam(String param) {
        return invalid("parameter_missing", "Missing required param: " + param + ".", param);
    }

    public static StripeApiException unknownParam(String param) {
        return invalid(
                "parameter_unknown",
                "Received unknown parameter: " + param
                        + ". Did you mean to pass this parameter? See https://stripe.com/docs/api for the parameters"
                        + " this endpoint accepts.",
                param);
    }

    /** 404 resource_missing, worded as Stripe words it: {@code No such payment_intent: 'pi_x'}. */
    public static StripeApiException noSuch(String objectName, String id, String param) {
        return new StripeApiException(
                404,
                "invalid_request_error",
                "resource_missing",
                "No such " + objectName + ": '" + id + "'",
                param,
                null,
                false);
    }

    /**
     * 402 card_error. The attempt happened (a failed charge exists), so idempotent retries must
     * replay this answer rather than try the card again.
     */
    public static StripeApiException card(String code, String message, ObjectNode extra) {
        return new StripeApiException(402, "card_error", code, message, null, extra, true);
    }

    public static StripeApiException authentication(String message) {
        return new StripeApiException(401, "invalid_request_error", null, message, null, null, false);
    }

    public static StripeApiException idempotency(int status, String message) {
        return new StripeApiException(status, "idempotency_error", null, message, null, null, false);
    }

    public static StripeApiException rateLimit() {
        return new StripeApiException(
                429,
                "invalid_request_error",
                "rate_limit",
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                null,
                null,
                false);
    }

    public static StripeApiException apiError() {
        return new StripeApiException(
                500,
                "api_error",
                null,
                "An unknown error occurred. Please try again; if it keeps happening, contact the sandbox owner.",
                null,
                null,
                false);
    }

    public static StripeApiException unrecognizedUrl(String method, String path) {
        return new StripeApiException(
                404,
                "invalid_request_error",
                null,
                "Unrecognized request URL (" + method + ": " + path
                        + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
                null,
                null,
                false);
    }

    public int status() {
        return status;
    }

    /** Whether the endpoint did its work before failing, which makes the answer idempotently saved. */
    public boolean executed() {
        return executed;
    }

    /** The body Stripe would send. */
    public ObjectNode body(String requestId) {
        ObjectNode error = Json.object();
        if (extra != null) {
            error.setAll(extra);
        }
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        if (requestId != null) {
            error.put(
                    "request_log_url",
                    "https://dashboard.stripe.com/test/logs/" + requestId + "?t="
                            + (System.currentTimeMillis() / 1000));
        }
        error.put("type", type);
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }
}
