package dev.ticketpay.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ticketpay.load.report.Figures;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What every load simulation shares: its settings and buyers, the answers it records, and the CPU the stack spends
 * while the load runs. Set-up ({@link #prepare()}: events, tokens) happens before the CPU is first read; the second
 * reading follows the last answer and {@link #settle()} (work the load left queued, such as stored webhooks). The
 * figures go to {@code <load.results>/<id>.properties} for the results table, besides Gatling's own HTML report.
 */
abstract class LoadSimulation extends Simulation {

    /** Sorts an answer by its status and body into a kind of {@link Answers}. */
    @FunctionalInterface
    interface Classifier {

        String kind(int status, String body);

        /** {@code success} when the status is {@code expected} and the body contains {@code marker}. */
        static Classifier expecting(int expected, String marker) {
            return (status, body) -> status == expected && body.contains(marker) ? Answers.SUCCESS : Answers.OTHER;
        }
    }

    final LoadSettings settings = LoadSettings.fromSystemProperties();
    final Buyers buyers = new Buyers();
    final Answers answers = new Answers();
    private final StackCpu cpu = new StackCpu(settings);
    private final DatabaseStatements statements = new DatabaseStatements(settings);
    private StackCpu.Usage cpuAtStart;
    private double machineAtStart;
    /** The event the load buys or reads, created by {@link #onSale}. */
    volatile long event;

    @Override
    public final void before() {
        prepare();
        statements.start();
        machineAtStart = StackCpu.machineBusyMillis();
        cpuAtStart = cpu.snapshot();
        answers.start();
    }

    @Override
    public final void after() {
        answers.stop();
        settle();
        StackCpu.Usage used = cpu.snapshot().since(cpuAtStart);
        double machine = StackCpu.machineBusyMillis() - machineAtStart;
        Figures figures = figures(used.cpu()).ofRun(settings.run()).withJit(used.jit())
                .withFacts(machineFacts(used.cpu(), machine));
        figures = figures.withFacts(statements.perUnit(figures.completed(), figures.unit(),
                settings.results().resolve(figures.id() + ".statements.txt")));
        figures.write(settings.results());
        System.out.printf("LOAD %s: %d %s(s) in %.1f s = %.1f/s, p50 %.0f ms, p99 %.0f ms, statuses %s, no answer %d,"
                        + " CPU ms per %s %.2f %s, of which JIT compiling %.2f %s%n", figures.title(),
                figures.completed(), figures.unit(), figures.seconds(), figures.rate(), figures.p50(), figures.p99(),
                answers.statuses(), answers.noAnswers(), figures.unit(), figures.cpuPerUnit(), figures.cpuMillis(),
                figures.jitPerUnit(), figures.jitMillis());
    }

    /**
     * How busy the whole machine was meanwhile, and how much of it was not the stack: the load generator and whatever
     * else runs here. A busy machine slows the stack down, so figures taken then are not comparable.
     */
    private Map<String, String> machineFacts(Map<String, Double> stack, double machineMillis) {
        if (stack.isEmpty() || Double.isNaN(machineMillis)) {
            return Map.of();
        }
        double seconds = answers.secondsSinceStart();
        double outside = machineMillis - stack.values().stream().mapToDouble(Double::doubleValue).sum();
        return Map.of("machine busy, cores", String.format(Locale.ROOT, "%.2f", machineMillis / 1000 / seconds),
                "busy outside the stack, cores", String.format(Locale.ROOT, "%.2f", outside / 1000 / seconds));
    }

    /** Creates what the load needs (events, buyers' tokens); not measured. */
    abstract void prepare();

    /** Puts an event on sale for the load and gets the buyers ready; returns the admin token that created it. */
    String onSale(String name, long price, int capacity) {
        String admin = Buyers.admin(settings);
        event = Api.createEvent(settings.gateway(), admin, name, price, capacity);
        buyers.prepare(settings);
        return admin;
    }

    /** The body that buys or orders one seat of the event. */
    String oneSeat() {
        return "{\"event_id\":" + event + ",\"quantity\":1}";
    }

    /** Waits for work the load left behind, so its CPU is counted; nothing by default. */
    void settle() {
    }

    abstract Figures figures(Map<String, Double> cpuMillis);

    /**
     * The usual figures: completed requests are the answers of {@code completed} kinds; the others count as other
     * answers.
     */
    Figures figures(String id, String title, String unit, Map<String, Double> cpuMillis, Map<String, String> facts,
            String... completed) {
        List<Long> millis = answers.millis(completed);
        return new Figures(id, title, unit, millis.size(), answers.seconds(), Answers.percentile(millis, 0.50),
                Answers.percentile(millis, 0.90), Answers.percentile(millis, 0.99),
                millis.isEmpty() ? Double.NaN : millis.getLast(), answers.countOther(completed),
                answers.noAnswers(), cpuMillis, facts);
    }

    /** JSON over keep-alive connections, one per virtual user; no request to the outside world before the load. */
    static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl).disableWarmUp().disableCaching().acceptHeader("application/json")
                .contentTypeHeader("application/json");
    }

    /**
     * The request with its answer recorded: kind, status and response time, or none when it timed out. Gatling's
     * report marks as failed what answers none of {@code expectedStatuses}.
     */
    ChainBuilder measured(HttpRequestActionBuilder request, Classifier classifier, Integer... expectedStatuses) {
        return exec(request.requestTimeout(settings.timeout())
                .check(status().saveAs("status"), responseTimeInMillis().saveAs("millis"), bodyString().saveAs("body"),
                        status().in(expectedStatuses)))
                .exec(session -> {
                    if (session.contains("status") && session.contains("millis")) {
                        int status = session.getInt("status");
                        String body = session.contains("body") ? session.getString("body") : "";
                        answers.add(classifier.kind(status, body), status, session.getLong("millis"));
                    }
                    else {
                        answers.noAnswer();
                    }
                    return session.removeAll("status", "millis", "body");
                });
    }
}
