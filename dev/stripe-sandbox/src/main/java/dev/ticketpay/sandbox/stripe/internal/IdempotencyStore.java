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

    /** The first answer to a key: kept for replays, with the id of the request that produced it. */
    public record Answer(Reply reply, String requestId) {}

    /** What a key is bound to, and the answer once there is one. */
    public static final class Entry {
        private final String method;
        private final String path;
        private final Map<String, Object> params;
        private final long createdAt;
        // Set once, as one value, so a concurrent replay never sees a reply without its request id.
        private volatile Answer answer;

        Entry(String method, String path, Map<String, Object> params, long createdAt) {
            this.method = method;
            this.path = path;
            this.params = params;
            this.createdAt = createdAt;
        }

        /** The answer, {@code null} while the first request is still running. */
        public Answer answer() {
            return answer;
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
    public record Replay(Answer answer) implements Claim {}

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
        Answer answer = existing.answer;
        if (answer == null) {
            return new Conflict(StripeApiException.idempotency(
                    409,
                    "There is currently another in-progress request using this Idempotent Key (that probably means you"
                            + " submitted twice, and the other request is still going through): "
                            + key + ". Please try again later."));
        }
        return new Replay(answer);
    }

    /** Keeps the answer of the request that claimed the key, for the retries to come. */
    public void complete(Entry entry, Reply reply, String requestId) {
        entry.answer = new Answer(reply, requestId);
    }

    /** Forgets a key whose request did not get far enough to be saved (validation errors, faults). */
    public void release(String apiKey, String key, Entry entry) {
        entries.remove(apiKey + "\u0000" + key, entry);
    }

    public void prune(long now) {
        entries.values().removeIf(e -> e.answer != null && e.createdAt + RETENTION_SECONDS < now);
    }
}
