package dev.ticketpay.sandbox.stripe;

import dev.ticketpay.sandbox.stripe.checkout.HostedCheckoutPage;
import dev.ticketpay.sandbox.stripe.internal.ApiRouter;
import dev.ticketpay.sandbox.stripe.internal.ControlApi;
import dev.ticketpay.sandbox.stripe.internal.IdempotencyStore;
import dev.ticketpay.sandbox.stripe.internal.Renderer;
import dev.ticketpay.sandbox.stripe.internal.SandboxState;
import dev.ticketpay.sandbox.stripe.webhook.WebhookDispatcher;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A running Stripe sandbox: the Stripe API subset ticketpay uses under {@code /v1/…}, the hosted
 * checkout page under {@code /checkout/…}, signed webhooks to the registered endpoints and test
 * controls under {@code /_sandbox/…}. Point stripe-java at {@link #apiBase()} with any
 * {@code sk_test_…} key. Each instance has its own event loops and timer, so several can run in
 * one JVM; {@link #close()} releases them.
 *
 * <pre>{@code
 * try (StripeSandbox stripe = StripeSandbox.start(StripeSandboxSettings.forTests().build())) {
 *   StripeClient client = StripeClient.builder().setApiKey("sk_test_x").setApiBase(stripe.apiBase()).build();
 *   ...
 * }
 * }</pre>
 */
public final class StripeSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StripeSandbox.class);

    /** The {@code api_version} stamped on events: stripe-java's own, or it would not parse them. */
    public static final String API_VERSION = Renderer.API_VERSION;

    private final StripeSandboxSettings settings;
    private final SandboxClock clock;
    private final WebhookDispatcher webhooks;
    private final Faults faults;
    private final ApiRequests requests = new ApiRequests();
    private final LoopResources loops;
    private final Scheduler timer;
    private final DisposableServer server;
    private final Disposable sweeper;
    private final String publicBaseUrl;
    private final SandboxState state;

    private StripeSandbox(StripeSandboxSettings settings) {
        this.settings = settings;
        this.clock = new SandboxClock();
        this.loops = LoopResources.create("stripe-sandbox", 1, 2, true);
        this.timer = Schedulers.newSingle("stripe-sandbox-timer", true);
        this.webhooks = new WebhookDispatcher(
                settings.webhookSecret(),
                settings.webhookRetryBackoff(),
                settings.webhookMaxBackoff(),
                settings.webhookMaxAttempts(),
                settings.webhookTimeout(),
                timer,
                loops);
        settings.webhookEndpoints().forEach(webhooks::addEndpoint);
        this.faults = new Faults(webhooks);

        // The page links need the port, which a random-port server only knows after binding; the
        // handler therefore reaches the router through a holder filled right after bind.
        RouterHolder holder = new RouterHolder();
        HttpServer http = HttpServer.create().runOn(loops).port(settings.port());
        DisposableServer bound;
        try {
            bound = http.handle((req, res) -> holder.router == null
                            ? res.status(503).sendString(Mono.just("starting")).then()
                            : holder.router.handle(req, res))
                    .bindNow(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            webhooks.close();
            timer.dispose();
            // No quiet period: nothing is left to drain once the server and client are gone.
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(6));
            throw e;
        }
        this.server = bound;
        this.publicBaseUrl =
                settings.publicBaseUrl() != null ? settings.publicBaseUrl() : "http://localhost:" + bound.port();

        this.state = new SandboxState(clock, webhooks, publicBaseUrl);
        IdempotencyStore idempotency = new IdempotencyStore();
        holder.router = new ApiRouter(
                state,
                faults,
                requests,
                clock,
                idempotency,
                new ControlApi(webhooks, faults, clock, state),
                new HostedCheckoutPage(state),
                timer);
        clock.onAdvance(state::sweepExpired);
        Duration every = settings.expirySweepInterval();
        this.sweeper = Flux.interval(every, every, timer).subscribe(tick -> {
            try {
                state.sweepExpired();
                idempotency.prune(clock.epochSecond());
            } catch (RuntimeException e) {
                log.error("expiry sweep failed", e);
            }
        });
    }

    private static final class RouterHolder {
        volatile ApiRouter router;
    }

    /** Starts a sandbox; it is serving when this returns. */
    public static StripeSandbox start(StripeSandboxSettings settings) {
        StripeSandbox sandbox = new StripeSandbox(settings);
        log.info(
                "Stripe sandbox listening on {} (hosted pages at {}, webhooks to {})",
                sandbox.apiBase(),
                sandbox.publicBaseUrl,
                sandbox.webhookEndpoints());
        return sandbox;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** What to pass to stripe-java's {@code setApiBase}, e.g. {@code http://localhost:12111}. */
    public String apiBase() {
        return "http://localhost:" + port();
    }

    /** Base of the hosted checkout links in session {@code url}s. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /** The {@code whsec_…} secret webhooks are signed with. */
    public String webhookSecret() {
        return settings.webhookSecret();
    }

    /** Registers an endpoint at runtime; events raised from now on are delivered to it too. */
    public StripeSandbox addWebhookEndpoint(String url) {
        webhooks.addEndpoint(url);
        return this;
    }

    public boolean removeWebhookEndpoint(String url) {
        return webhooks.removeEndpoint(url);
    }

    public List<String> webhookEndpoints() {
        return webhooks.endpoints();
    }

    /** Every webhook delivery attempt so far, oldest first. */
    public List<WebhookDelivery> deliveries() {
        return webhooks.deliveries();
    }

    /** Fault injection for the API and for webhook deliveries. */
    public Faults faults() {
        return faults;
    }

    /** Every API request received, with its arrival time: what Stripe's rate limiter would count. */
    public ApiRequests requests() {
        return requests;
    }

    /** The sandbox's clock; advancing it expires sessions past their {@code expires_at}. */
    public SandboxClock clock() {
        return clock;
    }

    /**
     * The buyer's bank disputes the succeeded charge of a PaymentIntent (or a charge, by its {@code ch_} id):
     * {@code charge.dispute.created} goes out. Answers the dispute's id. As {@code POST /_sandbox/disputes}.
     */
    public String openDispute(String paymentIntentOrCharge, String reason) {
        return state.openDispute(paymentIntentOrCharge, reason).get("id").asString();
    }

    /**
     * Decides the dispute, {@code won} or {@code lost}: {@code charge.dispute.closed}. As
     * {@code POST /_sandbox/disputes/close}.
     */
    public void closeDispute(String disputeId, String status) {
        state.closeDispute(disputeId, status);
    }

    /**
     * Raises a webhook event on demand, like {@code stripe trigger}: for the given session, PaymentIntent or charge
     * id, or a fresh object when it is null. Answers the event's id. As {@code POST /_sandbox/triggers}; the types
     * are {@code GET /_sandbox/triggers}.
     */
    public String trigger(String eventType, String objectId) {
        return state.trigger(eventType, objectId).get("id").asString();
    }

    /** Sends an event again to every endpoint (same id and body). As {@code POST /_sandbox/events/resend}. */
    public void resend(String eventId) {
        state.resend(eventId);
    }

    /** Shorthand for {@code clock().advance(amount)}. */
    public StripeSandbox advanceClock(Duration amount) {
        clock.advance(amount);
        return this;
    }

    @Override
    public void close() {
        sweeper.dispose();
        server.disposeNow(Duration.ofSeconds(5));
        webhooks.close();
        timer.dispose();
        // No quiet period: nothing is left to drain once the server and client are gone.
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(6));
    }
}
