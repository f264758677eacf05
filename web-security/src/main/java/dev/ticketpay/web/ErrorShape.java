package dev.ticketpay.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The two error shapes of the API documents: the classic purchase API answers {@code {"detail": "..."}},
 * the payments API v1 (every path under {@code /api/v1/}) answers
 * {@code {"status":"error","error":"...","code":N,"details":{"field":"..."}}}.
 */
public enum ErrorShape {
    CLASSIC, V1;

    public static ErrorShape forPath(String path) {
        return path != null && path.startsWith("/api/v1/") ? V1 : CLASSIC;
    }

    public Map<String, Object> body(HttpStatus status, String message, String field) {
        if (this == CLASSIC) {
            return Map.of("detail", message);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "error");
        body.put("error", message);
        body.put("code", status.value());
        body.put("details", field == null ? Map.of() : Map.of("field", field));
        return body;
    }
}
