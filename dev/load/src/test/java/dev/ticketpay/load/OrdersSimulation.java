package dev.ticketpay.load;

import java.util.Map;

import dev.ticketpay.load.report.Figures;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The reservation step alone: {@code POST /api/v1/orders} through the gateway takes the seats and writes the ticket
 * and its outbox row, with no Stripe call; {@code load.users} orders at once (16 by default; run it with 64 too). The
 * results table sets its rate against {@code pgbench} running the same SQL (issue 11, goal 2: ≥ 0.5×).
 */
public class OrdersSimulation extends LoadSimulation {

    private final int users = settings.users(16);
    private final String title = "reservation step, POST /api/v1/orders, " + users + " at once";

    public OrdersSimulation() {
        var order = http("order").post("/api/v1/orders").header("Authorization", "Bearer #{token}")
                .body(StringBody(session -> oneSeat()));
        setUp(scenario(title).during(settings.duration(), false)
                .on(feed(buyers.feeder()).exec(measured(order, Classifier.expecting(201, "\"order_id\""), 201)))
                .injectOpen(atOnceUsers(users)))
                .protocols(protocol(settings.gateway()));
    }

    @Override
    void prepare() {
        onSale("Load orders", 4500, 1_000_000);
    }

    @Override
    Figures figures(Map<String, Double> cpuMillis) {
        return figures("orders-" + users, title, "order", cpuMillis, Map.of(), Answers.SUCCESS);
    }
}
