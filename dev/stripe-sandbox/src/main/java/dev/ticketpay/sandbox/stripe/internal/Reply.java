package dev.ticketpay.sandbox.stripe.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A complete HTTP answer, computed off the wire so it can be stored for idempotent replays. */
public record Reply(int status, Map<String, String> headers, String body) {

    public Reply {
        headers = new LinkedHashMap<>(headers);
    }

    public static Reply json(int status, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new Reply(status, headers, Json.write(body));
    }

    public static Reply html(int status, String html) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        return new Reply(status, headers, html);
    }

    public static Reply redirect(String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        headers.put("Content-Type", "text/html; charset=utf-8");
        return new Reply(303, headers, "<a href=\"" + Html.escape(location) + "\">Continue</a>");
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body);
    }
}
