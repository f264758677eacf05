package dev.ticketpay.load;

import java.util.Map;

import dev.ticketpay.load.report.Figures;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Buyers purchase one ticket each with the classic API ({@code POST /api/payments/create-payment-intent/}) through
 * the gateway, {@code load.users} at once (16 by default), each purchase by another buyer, for {@code load.duration}.
 * A purchase is complete when its answer arrives: the checkout URL for a paid event, the QR code for a free one.
 */
abstract class PurchaseSimulation extends LoadSimulation {

    private final String id;
    private final String title;
    private final long price;

    PurchaseSimulation(String id, String what, long price, String completedWhen) {
        this.id = id;
        this.price = price;
        int users = settings.users(16);
        this.title = what + ", " + users + " buyers at once";
        var purchase = http(id + " purchase").post("/api/payments/create-payment-intent/")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody(session -> oneSeat()));
        setUp(scenario(title).during(settings.duration(), false)
                .on(feed(buyers.feeder()).exec(measured(purchase, Classifier.expecting(200, completedWhen), 200)))
                .injectOpen(atOnceUsers(users)))
                .protocols(protocol(settings.gateway()));
    }

    @Override
    void prepare() {
        onSale("Load " + id, price, 1_000_000);
    }

    @Override
    Figures figures(Map<String, Double> cpuMillis) {
        return figures(id, title, "purchase", cpuMillis, Map.of(), Answers.SUCCESS);
    }
}
