package dev.ticketpay.load;

import java.util.Map;

import dev.ticketpay.load.report.Figures;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * {@code GET /api/events/{id}} over {@code load.users} keep-alive connections (32 by default), each request by
 * another signed-in user: through the gateway ({@code -Dload.target=gateway}, the default) or straight to
 * ticket-service ({@code -Dload.target=direct}). Issue 11, goal 3: the gateway ≥ 0.8× direct.
 */
public class EventReadsSimulation extends LoadSimulation {

    private final boolean direct = "direct".equals(System.getProperty("load.target", "gateway"));
    private final int users = settings.users(32);
    private final String title = "GET /api/events/{id} " + (direct ? "direct to ticket-service" : "through the gateway")
            + ", " + users + " connections";

    public EventReadsSimulation() {
        var read = http("event").get(session -> "/api/events/" + event).header("Authorization", "Bearer #{token}");
        setUp(scenario(title).during(settings.duration(), false)
                .on(feed(buyers.feeder()).exec(measured(read, Classifier.expecting(200, "\"available\""), 200)))
                .injectOpen(atOnceUsers(users)))
                .protocols(protocol(direct ? settings.ticketService() : settings.gateway()));
    }

    @Override
    void prepare() {
        onSale("Load reads", 4500, 1000);
    }

    @Override
    Figures figures(Map<String, Double> cpuMillis) {
        return figures(direct ? "reads-direct" : "reads-gateway", title, "request", cpuMillis, Map.of(),
                Answers.SUCCESS);
    }
}
