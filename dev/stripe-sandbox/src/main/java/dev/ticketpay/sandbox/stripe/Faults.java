package dev.ticketpay.sandbox.stripe;

import dev.ticketpay.sandbox.stripe.webhook.WebhookDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Switchable failures, so tests can prove the payment-service survives a misbehaving Stripe:
 * API requests answering 500/429 or hanging, and webhook deliveries duplicated, delayed or
 * reordered. Rules are consumed as they hit; {@link #clear()} drops whatever is left.
 */
public final class Faults {

    private final List<Rule> rules = new ArrayList<>();
    private final WebhookDispatcher webhooks;

    Faults(WebhookDispatcher webhooks) {
        this.webhooks = webhooks;
    }

    /** Adds a rule; rules are tried in the order they were added. */
    public synchronized Faults inject(HttpFault fault) {
        rules.add(new Rule(fault));
        return this;
    }

    /** The next {@code times} API requests answer 500. */
    public Faults serverErrors(int times) {
        return inject(HttpFault.serverError(times));
    }

    /** The next {@code times} API requests answer 429. */
    public Faults rateLimits(int times) {
        return inject(HttpFault.rateLimit(times));
    }

    /** The next {@code times} API requests get no answer for {@code hangFor}. */
    public Faults hangs(int times, Duration hangFor) {
        return inject(HttpFault.hang(times, hangFor));
    }

    /** Each of the next {@code events} events is delivered twice to every endpoint. */
    public Faults duplicateWebhooks(int events) {
        return duplicateWebhooks(events, 2);
    }

    /** Each of the next {@code events} events is delivered {@code copies} times to every endpoint. */
    public Faults duplicateWebhooks(int events, int copies) {
        webhooks.duplicateNext(events, copies);
        return this;
    }

    /**
     * The next {@code events} events are held back, then all their deliveries (each duplicate on its own) are
     * sent one after another in a random order, once that many have been created or after {@code window}.
     */
    public Faults shuffleWebhooks(int events, Duration window) {
        webhooks.shuffleNext(events, window);
        return this;
    }

    /** Each of the next {@code events} events is delivered only after {@code delay}. */
    public Faults delayWebhooks(int events, Duration delay) {
        webhooks.delayNext(events, delay);
        return this;
    }

    /**
     * The next {@code events} events are held back and delivered in reverse order once that many
     * have been created (or after {@code window}, whichever comes first).
     */
    public Faults reorderWebhooks(int events, Duration window) {
        webhooks.reorderNext(events, window);
        return this;
    }

    /** Like {@link #reorderWebhooks(int, Duration)} with a 2 s window. */
    public Faults reorderWebhooks(int events) {
        return reorderWebhooks(events, Duration.ofSeconds(2));
    }

    /** Drops every pending HTTP and webhook fault (held-back webhooks are released). */
    public Faults clear() {
        synchronized (this) {
            rules.clear();
        }
        webhooks.clearFaults();
        return this;
    }

    /** The HTTP rules not yet used up, with their remaining counts as {@code times}. */
    public synchronized List<HttpFault> pending() {
        List<HttpFault> result = new ArrayList<>();
        for (Rule rule : rules) {
            HttpFault f = rule.fault;
            result.add(new HttpFault(f.kind(), rule.remaining, f.method(), f.path(), f.hangFor()));
        }
        return result;
    }

    /**
     * Takes one hit from the first rule matching the request, or returns {@code null}. Called by the
     * sandbox's router for every request; public only because the router lives in another package.
     */
    public synchronized HttpFault claim(String method, String path) {
        for (var it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.fault.matches(method, path)) {
                rule.remaining--;
                if (rule.remaining <= 0) {
                    it.remove();
                }
                return rule.fault;
            }
        }
        return null;
    }

    private static final class Rule {
        final HttpFault fault;
        int remaining;

        Rule(HttpFault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }
}
