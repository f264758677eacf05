package dev.ticketpay.load;

import java.util.Map;

import dev.ticketpay.load.report.Figures;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * No load at all for {@code load.duration}: the CPU each process spends per second on its own (pollers, consumers,
 * timers). Every other scenario pays this too, spread over its requests.
 */
public class IdleSimulation extends LoadSimulation {

    public IdleSimulation() {
        setUp(scenario("idle stack").pause(settings.duration()).injectOpen(atOnceUsers(1)))
                .protocols(protocol(settings.gateway()));
    }

    @Override
    void prepare() {
    }

    /** One completed "request" per second, so the CPU table reads as milliseconds per second. */
    @Override
    Figures figures(Map<String, Double> cpuMillis) {
        long seconds = Math.round(answers.seconds());
        return new Figures("idle", "idle stack, no load", "second", seconds, answers.seconds(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0, 0, cpuMillis, Map.of());
    }
}
