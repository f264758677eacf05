package dev.ticketpay.payment.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.stripe.net.ApiResource;
import dev.ticketpay.payment.DrainingWorker;
import dev.ticketpay.payment.stripe.StripeApi;
import dev.ticketpay.payment.stripe.StripeEndpoint;
import dev.ticketpay.payment.stripe.StripeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Heals lost webhooks: every {@code reconcile-interval} it lists Stripe's recent payment events
 * ({@code GET /v1/events}, {@code created >= now - lookback}) and stores the ones missing, exactly as if their
 * webhook had come. Stored events are kept as Stripe wrote them (the raw listing, not a re-serialized model).
 * Several instances may list at once: storing is once per id and processing claims rows.
 */
@Component
class MissedEventRecovery extends DrainingWorker {

    private static final Logger log = LoggerFactory.getLogger(MissedEventRecovery.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Stripe's page size limit; at most this many pages per run keep one run bounded. */
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 20;

    private final StripeApi stripe;
    private final ReceivedStripeEvents events;
    private final StripeEventProcessing processing;
    private final StripeSettings settings;
    private final Clock clock;

    MissedEventRecovery(StripeApi stripe, ReceivedStripeEvents events, StripeEventProcessing processing,
            StripeSettings settings, Clock clock) {
        super("Listing recent Stripe events", settings.reconcileInterval());
        this.stripe = stripe;
        this.events = events;
        this.processing = processing;
        this.settings = settings;
        this.clock = clock;
    }

    /** Lists at start-up, then every {@code reconcile-interval}; not at all when that is zero. */
    @Override
    public void start() {
        if (settings.reconciles()) {
            super.start();
        }
    }

    /** One listing per tick. */
    @Override
    protected Mono<Boolean> processNext() {
        return recover().thenReturn(false);
    }

    /** Stores the recent payment events not stored yet; answers how many were missing. */
    Mono<Long> recover() {
        long since = clock.instant().minus(settings.reconcileLookback()).getEpochSecond();
        return page(since, null)
                .expand(page -> page.hasMore() && page.number() < MAX_PAGES
                        ? page(since, page.lastId()).map(next -> next.numbered(page.number() + 1)) : Mono.empty())
                .flatMapIterable(Page::events)
                .concatMap(event -> events.add(event.path("id").asString(), event.path("type").asString(),
                        JSON.writeValueAsString(event)).filter(Boolean::booleanValue)
                        .doOnNext(added -> processing.stored(event.path("id").asString())))
                .count()
                .doOnNext(missing -> {
                    if (missing > 0) {
                        log.info("Recovered {} Stripe events whose webhooks had not arrived", missing);
                    }
                });
    }

    private record Page(java.util.List<JsonNode> events, boolean hasMore, int number) {

        String lastId() {
            return events.getLast().path("id").asString();
        }

        Page numbered(int n) {
            return new Page(events, hasMore, n);
        }
    }

    private Mono<Page> page(long since, String startingAfter) {
        var query = new StringBuilder("limit=").append(PAGE_SIZE).append("&created%5Bgte%5D=").append(since);
        for (String type : StripeEventProcessing.PAYMENT_EVENTS) {
            query.append("&types%5B%5D=").append(URLEncoder.encode(type, StandardCharsets.UTF_8));
        }
        if (startingAfter != null) {
            query.append("&starting_after=").append(URLEncoder.encode(startingAfter, StandardCharsets.UTF_8));
        }
        return stripe.call(StripeEndpoint.LIST_EVENTS, "list recent events",
                        client -> client.rawRequest(ApiResource.RequestMethod.GET, "/v1/events?" + query, null))
                .map(response -> {
                    JsonNode list = JSON.readTree(response.body());
                    var data = new java.util.ArrayList<JsonNode>();
                    list.path("data").forEach(data::add);
                    return new Page(data, list.path("has_more").asBoolean(false) && !data.isEmpty(), 1);
                });
    }
}
