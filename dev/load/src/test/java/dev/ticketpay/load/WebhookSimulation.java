package dev.ticketpay.load;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketpay.load.report.Figures;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Stripe delivering webhooks: {@code load.users} senders (32) post signed {@code payment_intent.succeeded} events to
 * {@code POST /api/v1/payments/webhook} through the gateway for {@code load.duration}. The events are shaped like
 * Stripe's and belong to PaymentIntents that are not ours (as a Checkout Session's own intent is), so payment-service
 * stores, looks up and marks each processed without changing a payment. Every tenth delivery repeats the one
 * before, as Stripe's redeliveries do.
 *
 * <p>Afterwards, given payment-service's database ({@code load.paymentsDb}), it waits until every accepted event is
 * processed and checks that each was stored once and processed once (in {@code stripe_events}: one row per id,
 * {@code processed_at} set, no failed attempt). Issue 11, goal 4: ≥ 1,000 webhooks/s, all stored, each processed
 * once.
 */
public class WebhookSimulation extends LoadSimulation {

    private static final String EVENT = """
            {"id":"%1$s","object":"event","api_version":"2026-07-29.dahlia","created":%2$d,\
            "data":{"object":{"id":"%3$s","object":"payment_intent","amount":4500,"amount_capturable":0,\
            "amount_received":4500,"application":null,"capture_method":"automatic","client_secret":"%3$s_secret_load",\
            "confirmation_method":"automatic","created":%2$d,"currency":"jpy","customer":null,"description":null,\
            "last_payment_error":null,"latest_charge":"ch_%4$s","livemode":false,"metadata":{},"next_action":null,\
            "payment_method":"pm_card_visa","payment_method_types":["card"],"receipt_email":null,\
            "status":"succeeded"}},"livemode":false,"pending_webhooks":1,\
            "request":{"id":null,"idempotency_key":null},"type":"payment_intent.succeeded"}""";

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final long created = Instant.now().getEpochSecond();
    private final AtomicLong deliveries = new AtomicLong();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final int users = settings.users(32);
    private final String title = "signed Stripe webhooks through the gateway, " + users + " senders";
    private final Map<String, String> facts = new TreeMap<>();

    public WebhookSimulation() {
        var deliver = http("webhook").post("/api/v1/payments/webhook")
                .header("Stripe-Signature", session -> session.getString("signature"))
                .body(StringBody(session -> session.getString("payload")));
        Classifier classifier = (status, body) -> {
            if (status == 200 && body.contains("\"event_id\"")) {
                accepted.add(Api.field(body, "event_id"));
                return Answers.SUCCESS;
            }
            return status == 429 ? "throttled" : Answers.OTHER;
        };
        setUp(scenario(title).during(settings.duration(), false)
                .on(exec(session -> {
                    String payload = event(deliveries.getAndIncrement());
                    return session.set("payload", payload).set("signature", signature(payload));
                }).exec(measured(deliver, classifier, 200)))
                .injectOpen(atOnceUsers(users)))
                .protocols(protocol(settings.gateway()));
    }

    /** Delivery n carries event n, except every tenth, which delivers event n - 1 again. */
    private String event(long delivery) {
        long n = delivery % 10 == 9 ? delivery - 1 : delivery;
        String id = "evt_load" + run + "_" + n;
        return EVENT.formatted(id, created, "pi_load" + run + "_" + n, "load" + run + "_" + n);
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed with the whole whsec_ secret>}. */
    private String signature(String payload) {
        long timestamp = Instant.now().getEpochSecond();
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        }
        catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void prepare() {
    }

    /** Waits (two minutes at most) until payment-service has processed every accepted event, then checks the store. */
    @Override
    void settle() {
        facts.put("deliveries accepted", Long.toString(answers.count(Answers.SUCCESS)));
        facts.put("distinct events accepted", Integer.toString(accepted.size()));
        facts.put("throttled (429)", Long.toString(answers.status(429)));
        if (settings.paymentsDb().isEmpty()) {
            facts.put("stored and processed", "not checked (no load.paymentsDb)");
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long[] store = store();
        while ((store[0] < accepted.size() || store[1] < store[0]) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            store = store();
        }
        facts.put("stored", Long.toString(store[0]));
        facts.put("processed once", Long.toString(store[2]));
        facts.put("failed attempts", Long.toString(store[3]));
        facts.put("seconds until all processed",
                String.format(java.util.Locale.ROOT, "%.1f", answers.secondsSinceStop()));
    }

    /** This run's rows in {@code stripe_events}: stored, processed, processed at the first try, failed tries. */
    private long[] store() {
        try (var connection = DriverManager.getConnection(settings.paymentsDb().get());
                var query = connection.prepareStatement("""
                        select count(*), count(processed_at), count(*) filter (where processed_at is not null
                        and attempts = 0), coalesce(sum(attempts), 0) from stripe_events where id like ?""")) {
            query.setString(1, "evt_load" + run + "\\_%");
            try (var rows = query.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)};
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not read stripe_events from " + settings.paymentsDb().get(), e);
        }
    }

    @Override
    Figures figures(Map<String, Double> cpuMillis) {
        return figures("webhooks", title, "webhook", cpuMillis, facts, Answers.SUCCESS);
    }
}
