package dev.ticketpay.load.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What one scenario measured: how many requests completed (the unit CPU is divided by), in how long, their latency
 * percentiles, the answers that were not the expected one, the CPU each process of the system under test spent
 * meanwhile, and facts of the scenario's own (seats sold, events stored). Kept as a properties file per scenario, so
 * the load generator, {@code pgbench} and the table can be run apart.
 *
 * @param id file name and key: {@code paid}, {@code orders-16}, {@code pgbench-16}…
 * @param title what a reader sees in the table
 * @param unit what one completed request is ({@code purchase}, {@code request}, {@code webhook}, {@code transaction})
 * @param cpuMillis CPU milliseconds by process ({@code ticket-service}, {@code postgres}…); empty when not measured
 * @param facts the scenario's own figures, by name
 * @param jitMillis the part of {@code cpuMillis} each JVM's JIT compiler threads used, by process; empty when not
 *     measured
 */
public record Figures(String id, String title, String unit, long completed, double seconds, double p50, double p90,
        double p99, double max, long failed, long noAnswer, Map<String, Double> cpuMillis, Map<String, String> facts,
        Map<String, Double> jitMillis) {

    /** The processes of the local stack in the order the tables show them. */
    public static final List<String> PROCESSES = List.of("ticket-service", "payment-service", "qr-service", "gateway",
            "launcher", "postgres");

    public Figures {
        cpuMillis = Map.copyOf(cpuMillis);
        facts = Map.copyOf(facts);
        jitMillis = Map.copyOf(jitMillis);
    }

    /** Figures without a JIT reading (pgbench, a remote deployment). */
    public Figures(String id, String title, String unit, long completed, double seconds, double p50, double p90,
            double p99, double max, long failed, long noAnswer, Map<String, Double> cpuMillis,
            Map<String, String> facts) {
        this(id, title, unit, completed, seconds, p50, p90, p99, max, failed, noAnswer, cpuMillis, facts, Map.of());
    }

    /** The same figures with more facts. */
    public Figures withFacts(Map<String, String> more) {
        var all = new TreeMap<>(facts);
        all.putAll(more);
        return new Figures(id, title, unit, completed, seconds, p50, p90, p99, max, failed, noAnswer, cpuMillis, all,
                jitMillis);
    }

    /**
     * The figures of a scenario's {@code run}-th run on one stack (from the second on): its own id,
     * {@code <id>.<run>}, and title, so that each run of a repeated scenario keeps its row.
     */
    public Figures ofRun(int run) {
        if (run < 2) {
            return this;
        }
        return new Figures(id + "." + run, title + " (run " + run + ")", unit, completed, seconds, p50, p90, p99, max,
                failed, noAnswer, cpuMillis, facts, jitMillis);
    }

    /** The same figures with the JIT compiler threads' part of the CPU. */
    public Figures withJit(Map<String, Double> jit) {
        return new Figures(id, title, unit, completed, seconds, p50, p90, p99, max, failed, noAnswer, cpuMillis, facts,
                jit);
    }

    /** Completed requests per second. */
    public double rate() {
        return seconds > 0 ? completed / seconds : 0;
    }

    /** CPU milliseconds one completed request cost in {@code process}, or NaN when not measured. */
    public double cpuPerUnit(String process) {
        Double millis = cpuMillis.get(process);
        return millis == null || completed == 0 ? Double.NaN : millis / completed;
    }

    /** CPU milliseconds one completed request cost in all measured processes together, or NaN. */
    public double cpuPerUnit() {
        return perUnit(cpuMillis);
    }

    /**
     * The CPU milliseconds one completed request cost the JIT compiler threads of all measured JVMs together, or
     * NaN when not measured: the part of {@link #cpuPerUnit()} a service that has run long enough no longer spends.
     */
    public double jitPerUnit() {
        return perUnit(jitMillis);
    }

    /** All processes' milliseconds together per completed request, or NaN when none were measured. */
    private double perUnit(Map<String, Double> millisByProcess) {
        return millisByProcess.isEmpty() || completed == 0 ? Double.NaN
                : millisByProcess.values().stream().mapToDouble(Double::doubleValue).sum() / completed;
    }

    /**
     * {@link #cpuPerUnit()} less {@link #jitPerUnit()}, or NaN: what the requests cost besides compiling. A service
     * that has finished compiling runs the same work in compiled code, so it costs at most this.
     */
    public double cpuPerUnitLessJit() {
        return cpuPerUnit() - jitPerUnit();
    }

    public void write(Path directory) {
        var properties = new Properties();
        properties.setProperty("id", id);
        properties.setProperty("title", title);
        properties.setProperty("unit", unit);
        properties.setProperty("completed", Long.toString(completed));
        properties.setProperty("seconds", Double.toString(seconds));
        properties.setProperty("p50", Double.toString(p50));
        properties.setProperty("p90", Double.toString(p90));
        properties.setProperty("p99", Double.toString(p99));
        properties.setProperty("max", Double.toString(max));
        properties.setProperty("failed", Long.toString(failed));
        properties.setProperty("noAnswer", Long.toString(noAnswer));
        cpuMillis.forEach((process, millis) -> properties.setProperty("cpu." + process, Double.toString(millis)));
        facts.forEach((name, value) -> properties.setProperty("fact." + name, value));
        jitMillis.forEach((process, millis) -> properties.setProperty("jit." + process, Double.toString(millis)));
        try {
            Files.createDirectories(directory);
            try (Writer out = Files.newBufferedWriter(directory.resolve(id + ".properties"), StandardCharsets.UTF_8)) {
                properties.store(out, title);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Figures read(Path file) {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var cpu = new LinkedHashMap<String, Double>();
        var facts = new TreeMap<String, String>();
        var jit = new LinkedHashMap<String, Double>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("cpu.")) {
                cpu.put(name.substring(4), Double.parseDouble(properties.getProperty(name)));
            }
            else if (name.startsWith("jit.")) {
                jit.put(name.substring(4), Double.parseDouble(properties.getProperty(name)));
            }
            else if (name.startsWith("fact.")) {
                facts.put(name.substring(5), properties.getProperty(name));
            }
        }
        return new Figures(properties.getProperty("id"), properties.getProperty("title"),
                properties.getProperty("unit"), Long.parseLong(properties.getProperty("completed")),
                number(properties, "seconds"), number(properties, "p50"), number(properties, "p90"),
                number(properties, "p99"), number(properties, "max"),
                Long.parseLong(properties.getProperty("failed", "0")),
                Long.parseLong(properties.getProperty("noAnswer", "0")), cpu, facts, jit);
    }

    private static double number(Properties properties, String name) {
        return Double.parseDouble(properties.getProperty(name, "NaN"));
    }
}
