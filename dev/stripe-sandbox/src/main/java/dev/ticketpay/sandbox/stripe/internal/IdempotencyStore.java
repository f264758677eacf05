package dev.ticketpay.sandbox.stripe.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stripe's idempotency layer: per API key, the first answer to a key is kept for 24 hours and
 * replayed for a retry with the same method, path and parameters; a different request under the
 * same key is an {@code idempotency_error}, and a retry while the first is still running gets 409.
 */
public final class IdempotencyStore {

    private static final long RETENTION_SECONDS = 24 * 60 * 60;

    /** What a key is bound to, and the answer once there is one. */
    public static final class Entry {
        final String method;
        final String path;
        final Map<String, Object> params;
        final long createdAt;
        volatile Reply reply;
        volatile String requestId;

        Entry(String method, String path, Map<String, Object> params, long createdAt) {
            this.method = method;
            this.path = path;
            this.params = params;
            this.createdAt = createdAt;
        }

        public Reply reply() {
            return reply;
        }

        public String requestId() {
            return requestId;
        }

        boolean sameRequest(String method, String path, Map<String, Object> params) {
            return this.method.equals(method) && this.path.equals(path) && Objects.equals(this.params, params);
        }
    }

    /** The decision for an incoming request. */
    public sealed interface Claim {}

    /** No earlier request: run it and then {@link #complete} or {@link #release} the key. */
    public record Fresh(Entry entry) implements Claim {}

    /** An earlier identical request finished: answer with its reply. */
    public record Replay(Entry entry) implements Claim {}

    /** The key is busy or bound to something else. */
    public record Conflict(StripeApiException error) implements Claim {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Claim claim(String apiKey, String key, String method, String path, Map<String, Object> params, long now) {
        Entry fresh = new Entry(method, path, params, now);
        Entry existing = entries.putIfAbsent(apiKey + "\u0000" + key, fresh);
        if (existing == null) {
            return new Fresh(fresh);
        }
        if (!existing.sameRequest(method, path, params)) {
            return new Conflict(StripeApiException.idempotency(
                    400,
                    "Keys for idempotent requests can only be used with the same parameters they were first used with."
                            + " Try using a key other than '"
                            + key + "' if you meant to execute a different request."));
        }
        if (existing.reply == null) {
            return new Conflict(StripeApiException.idempotency(
                    409,
                    "There is currently another in-progress request using this Idempotent Key (that probably means you"
                            + " submitted twice, and the other request is still going through): "
                            + key + ". Please try again later."));
        }
        return new Replay(existing);
    }

    public void complete(String apiKey, String key, Entry entry, Reply reply, String requestId) {
        entry.requestId = requestId;
        entry.reply = reply;
    }

    /** Forgets a key whose request did not get far enough to be saved (validation errors, faults). */
    public void release(String apiKey, String key, Entry entry) {
        entries.remove(apiKey + "\u0000" + key, entry);
    }

    public void prune(long now) {
        entries.values().removeIf(e -> e.reply != null && e.createdAt + RETENTION_SECONDS < now);
    }
}
