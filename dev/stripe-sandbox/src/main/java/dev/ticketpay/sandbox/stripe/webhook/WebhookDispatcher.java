package dev.ticketpay.sandbox.stripe.webhook;

import dev.ticketpay.sandbox.stripe.WebhookDelivery;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Delivers events to every registered endpoint with reactor-netty, never blocking: each attempt is
 * an asynchronous POST, a non-2xx answer or a timeout schedules the next attempt on the timer after
 * a doubling backoff, until the attempt budget is spent. Also applies the webhook faults.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int LOG_CAPACITY = 10_000;

    private final WebhookSigner signer;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Duration timeout;
    private final Scheduler timer;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final List<String> endpoints = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<WebhookDelivery> deliveries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger logSize = new AtomicInteger();
    // Pending retries run on the timer, which the sandbox disposes on close; this flag stops the
    // callbacks that are already running from starting new attempts.
    private volatile boolean closed;

    // Fault state, guarded by this.
    private int duplicateRemaining;
    private int duplicateCopies = 2;
    private int delayRemaining;
    private Duration delay = Duration.ZERO;
    private int reorderRemaining;
    private final List<Pending> reorderBuffer = new ArrayList<>();
    private Disposable reorderFlush;
    private Duration reorderWindow = Duration.ofSeconds(2);
    private boolean shuffle;

    private record Pending(OutgoingEvent event, int copies, Duration delay) {}

    public WebhookDispatcher(
            String secret,
            Duration backoff,
            Duration maxBackoff,
            int maxAttempts,
            Duration timeout,
            Scheduler timer,
            LoopResources loops) {
        this.signer = new WebhookSigner(secret);
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.timer = timer;
        this.connections = ConnectionProvider.builder("stripe-sandbox-webhooks")
                .maxConnections(64)
                .build();
        this.client = HttpClient.create(connections)
                .runOn(loops)
                .responseTimeout(timeout)
                .headers(h -> h.set("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                        .set("Accept", "*/*; q=0.5, application/xml")
                        .set("Cache-Control", "no-cache")
                        .set("Content-Type", "application/json; charset=utf-8"));
    }

    /** Registers an endpoint; later events are delivered to it too. Duplicates are ignored. */
    public void addEndpoint(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("webhook endpoint must be an http(s) URL: " + url);
        }
        if (!endpoints.contains(url)) {
            endpoints.add(url);
        }
    }

    public boolean removeEndpoint(String url) {
        return endpoints.remove(url);
    }

    public List<String> endpoints() {
        return List.copyOf(endpoints);
    }

    /** Every delivery attempt so far, oldest first (the most recent 10 000). */
    public List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public void clearDeliveries() {
        deliveries.clear();
        logSize.set(0);
    }

    /** Each of the next {@code events} events is delivered {@code copies} times to every endpoint. */
    public synchronized void duplicateNext(int events, int copies) {
        if (copies < 2) {
            throw new IllegalArgumentException("copies must be at least 2");
        }
        duplicateRemaining = requireCount(events);
        duplicateCopies = copies;
    }

    public synchronized void delayNext(int events, Duration by) {
        delayRemaining = requireCount(events);
        delay = by;
    }

    public void reorderNext(int events, Duration window) {
        holdNext(events, window, false);
    }

    /**
     * Like {@link #reorderNext}, but the held events' deliveries, duplicates included, are released in a random
     * order, one after another: copies of one event no longer arrive side by side.
     */
    public void shuffleNext(int events, Duration window) {
        holdNext(events, window, true);
    }

    private void holdNext(int events, Duration window, boolean shuffled) {
        List<Pending> released;
        synchronized (this) {
            released = takeReorderBuffer();
            reorderRemaining = requireCount(events);
            reorderWindow = window;
            shuffle = shuffled;
        }
        released.forEach(this::send);
    }

    public void clearFaults() {
        List<Pending> released;
        synchronized (this) {
            duplicateRemaining = 0;
            delayRemaining = 0;
            reorderRemaining = 0;
            released = takeReorderBuffer();
        }
        released.forEach(this::send);
    }

    private static int requireCount(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("the number of events must be at least 1");
        }
        return events;
    }

    /** Sends an event to every endpoint now (or later, when a fault says so). */
    public void dispatch(OutgoingEvent event) {
        List<Pending> toSend = new ArrayList<>();
        synchronized (this) {
            int copies = 1;
            if (duplicateRemaining > 0) {
                duplicateRemaining--;
                copies = duplicateCopies;
            }
            Duration by = Duration.ZERO;
            if (delayRemaining > 0) {
                delayRemaining--;
                by = delay;
            }
            Pending pending = new Pending(event, copies, by);
            if (reorderRemaining > 0) {
                reorderRemaining--;
                reorderBuffer.add(pending);
                if (reorderRemaining == 0) {
                    toSend.addAll(takeReorderBuffer());
                } else if (reorderFlush == null) {
                    // Fewer events than announced may come; do not hold the ones we have forever.
                    reorderFlush = Mono.delay(reorderWindow, timer)
                            .subscribe(
                                    x -> flushReorderBuffer(),
                                    error -> log.debug("dropping the reorder flush: {}", error.toString()));
                }
            } else {
                toSend.add(pending);
            }
        }
        sendInOrder(toSend);
    }

    private void flushReorderBuffer() {
        List<Pending> released;
        synchronized (this) {
            reorderRemaining = 0;
            released = takeReorderBuffer();
        }
        sendInOrder(released);
    }

    /**
     * Sends one after another: the next event's first attempt starts once the previous one's has been answered,
     * so a released reorder batch really arrives newest first.
     */
    private void sendInOrder(List<Pending> pendings) {
        if (pendings.size() == 1) {
            send(pendings.getFirst());
            return;
        }
        Flux.fromIterable(pendings)
                .concatMap(this::sendAndWait, 1)
                .subscribe(x -> {}, error -> log.debug("ordered webhook batch stopped: {}", error.toString()));
    }

    private Mono<Void> sendAndWait(Pending pending) {
        return Flux.fromIterable(endpoints)
                .concatMap(endpoint -> Flux.range(0, pending.copies())
                        .concatMap(copy ->
                                Mono.delay(pending.delay(), timer).then(attemptAndWait(pending.event(), endpoint))))
                .then();
    }

    /** Empties the buffer newest first (the whole point of the reorder fault), or shuffled copy by copy. */
    private List<Pending> takeReorderBuffer() {
        List<Pending> released = new ArrayList<>();
        if (shuffle) {
            for (Pending pending : reorderBuffer) {
                for (int copy = 0; copy < pending.copies(); copy++) {
                    released.add(new Pending(pending.event(), 1, pending.delay()));
                }
            }
            Collections.shuffle(released);
        } else {
            released.addAll(reorderBuffer);
            Collections.reverse(released);
        }
        reorderBuffer.clear();
        if (reorderFlush != null) {
            reorderFlush.dispose();
            reorderFlush = null;
        }
        return released;
    }

    private void send(Pending pending) {
        for (String endpoint : endpoints) {
            for (int copy = 0; copy < pending.copies(); copy++) {
                if (pending.delay().isZero()) {
                    attempt(pending.event(), endpoint, 1);
                } else {
                    later(pending.delay(), () -> attempt(pending.event(), endpoint, 1));
                }
            }
        }
    }

    private void attempt(OutgoingEvent event, String endpoint, int attempt) {
        attempt(event, endpoint, attempt, () -> {});
    }

    private Mono<Void> attemptAndWait(OutgoingEvent event, String endpoint) {
        return Mono.create(sink -> attempt(event, endpoint, 1, sink::success));
    }

    /** One delivery attempt; {@code answered} runs once it is recorded (success or failure). */
    private void attempt(OutgoingEvent event, String endpoint, int attempt, Runnable answered) {
        if (closed) {
            answered.run();
            return;
        }
        byte[] body = event.payload().getBytes(StandardCharsets.UTF_8);
        String signature = signer.header(event.payload(), Instant.now().getEpochSecond());
        Mono<Integer> post = client.headers(
                        h -> h.set("Stripe-Signature", signature).set("Content-Length", Integer.toString(body.length)))
                .post()
                .uri(endpoint)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) ->
                        content.then(Mono.just(response.status().code())))
                .timeout(timeout, timer);
        post.subscribe(
                status -> {
                    boolean ok = status >= 200 && status < 300;
                    record(event, endpoint, attempt, status, null, ok);
                    answered.run();
                    if (ok) {
                        event.acknowledge(endpoint);
                    } else {
                        retry(event, endpoint, attempt);
                    }
                },
                error -> {
                    String reason = error instanceof TimeoutException
                            ? "timed out after " + timeout.toMillis() + " ms"
                            : String.valueOf(error.getMessage());
                    record(event, endpoint, attempt, 0, reason, false);
                    answered.run();
                    retry(event, endpoint, attempt);
                });
    }

    private void retry(OutgoingEvent event, String endpoint, int attempt) {
        if (attempt >= maxAttempts) {
            log.warn(
                    "giving up delivering {} ({}) to {} after {} attempts",
                    event.id(),
                    event.type(),
                    endpoint,
                    attempt);
            return;
        }
        if (closed || !endpoints.contains(endpoint)) {
            return;
        }
        later(backoffFor(attempt), () -> attempt(event, endpoint, attempt + 1));
    }

    /** Runs an action on the timer after a delay; a timer already shut down just drops it. */
    private void later(Duration delay, Runnable action) {
        Mono.delay(delay, timer)
                .subscribe(
                        x -> action.run(),
                        error -> log.debug("dropping a scheduled webhook attempt: {}", error.toString()));
    }

    /** backoff, 2×backoff, 4×backoff, … capped at maxBackoff: Stripe's retries also grow apart. */
    Duration backoffFor(int failedAttempts) {
        long factor = 1L << Math.min(failedAttempts - 1, 30);
        Duration next = backoff.multipliedBy(factor);
        return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
    }

    private void record(OutgoingEvent event, String endpoint, int attempt, int status, String error, boolean ok) {
        deliveries.add(
                new WebhookDelivery(event.id(), event.type(), endpoint, attempt, Instant.now(), status, error, ok));
        if (logSize.incrementAndGet() > LOG_CAPACITY) {
            deliveries.pollFirst();
            logSize.decrementAndGet();
        }
        if (!ok) {
            log.debug("webhook {} to {} attempt {} failed: {} {}", event.type(), endpoint, attempt, status, error);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (reorderFlush != null) {
                reorderFlush.dispose();
            }
        }
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
