package dev.ticketpay.sandbox.stripe;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The Stripe API requests the sandbox received, as Stripe's rate limiter counts them: every {@code /v1/…}
 * request on arrival, faults included. Tests read it to check that a client keeps within a rate. The newest
 * {@value #KEPT} are kept.
 */
public final class ApiRequests {

    /** One request: when it arrived (wall clock, not the sandbox's movable clock), its method and path. */
    public record ApiRequest(Instant at, String method, String path) {}

    private static final int KEPT = 100_000;

    private final Deque<ApiRequest> requests = new ArrayDeque<>();

    ApiRequests() {}

    /**
     * Called by the sandbox's router for every API request; public only because the router lives in another
     * package.
     */
    public synchronized void record(String method, String path) {
        if (requests.size() == KEPT) {
            requests.removeFirst();
        }
        requests.addLast(new ApiRequest(Instant.now(), method, path));
    }

    /** The requests that arrived at or after {@code from}, oldest first. */
    public synchronized List<ApiRequest> since(Instant from) {
        return requests.stream().filter(r -> !r.at().isBefore(from)).toList();
    }
}
