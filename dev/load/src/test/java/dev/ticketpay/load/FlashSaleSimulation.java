package dev.ticketpay.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

import dev.ticketpay.load.report.Figures;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * A flash sale: {@code load.buyers} distinct buyers (2,000) race for the {@code load.seats} seats (100) of one paid
 * event through the gateway, all arriving within {@code load.ramp} seconds (1), one purchase each. Issue 11, goal 6:
 * exactly the seats are sold, every other buyer gets the seed's 400 "not enough tickets", those answers have a p99
 * ≤ 1 s, and nobody times out ({@code load.timeout}, 10 s) or gets a 5xx.
 */
public class FlashSaleSimulation extends LoadSimulation {

    static final String NOT_ENOUGH = "not enough";

    private final int seats = Integer.getInteger("load.seats", 100);
    private final String title = "flash sale, " + settings.buyers() + " buyers for " + seats + " seats";
    private String admin;

    public FlashSaleSimulation() {
        var purchase = http("flash sale purchase").post("/api/payments/create-payment-intent/")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody(session -> oneSeat()));
        Classifier sold = Classifier.expecting(200, "\"checkout_url\"");
        Classifier classifier = (status, body) -> status == 400 && body.contains("Not enough tickets") ? NOT_ENOUGH
                : sold.kind(status, body);
        setUp(scenario(title).exec(feed(buyers.feeder()).exec(measured(purchase, classifier, 200, 400)))
                .injectOpen(rampUsers(settings.buyers()).during(Duration.ofSeconds(Long.getLong("load.ramp", 1L)))))
                .protocols(protocol(settings.gateway()));
    }

    @Override
    void prepare() {
        admin = onSale("Load flash sale", 4500, seats);
        if (buyers.count() < settings.buyers()) {
            System.out.printf("only %d distinct buyers' tokens for %d buyers: some buy twice%n", buyers.count(),
                    settings.buyers());
        }
    }

    /** The seats taken, read from the event once the system has answered the backlog (two minutes at most). */
    private String sold() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                return Long.toString(seats - Api.available(settings.gateway(), admin, event));
            }
            catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    return "unknown (" + e.getMessage() + ")";
                }
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    @Override
    Figures figures(Map<String, Double> cpuMillis) {
        var facts = new TreeMap<String, String>();
        facts.put("sold", sold());
        facts.put("answered with a checkout URL", Long.toString(answers.count(Answers.SUCCESS)));
        facts.put(NOT_ENOUGH, Long.toString(answers.count(NOT_ENOUGH)));
        facts.put("sold-out p99 ms", Double.toString(Answers.percentile(answers.millis(NOT_ENOUGH), 0.99)));
        facts.put("5xx", Long.toString(answers.serverErrors()));
        facts.put("timeouts and connection errors", Long.toString(answers.noAnswers()));
        facts.put("statuses", answers.statuses());
        return figures("flash-sale", title, "buyer", cpuMillis, facts, Answers.SUCCESS, NOT_ENOUGH);
    }
}
