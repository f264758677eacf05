package dev.ticketpay.load.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The results of one run as markdown tables: throughput and latency, CPU per completed request by process, and the
 * goals of issue 11 with the measured ratios. Given a second run ({@code --before <dir>}), every figure is shown
 * before and after, with the ratio after/before.
 *
 * <p>{@code java -cp dev/load/target/classes dev.ticketpay.load.report.ResultsTable <results> [--before <results>]}
 */
public final class ResultsTable {

    /** The scenarios in the order a reader follows them; others come after, by id. */
    private static final List<String> ORDER = List.of("idle", "paid", "free", "orders-16", "pgbench-16", "orders-64",
            "pgbench-64", "reads-direct", "reads-gateway", "webhooks", "flash-sale");

    private final Map<String, Figures> after;
    private final Map<String, Figures> before;

    ResultsTable(Map<String, Figures> after, Map<String, Figures> before) {
        this.after = after;
        this.before = before;
    }

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--before"))) {
            System.err.println("usage: ResultsTable <results-dir> [--before <results-dir>]");
            System.exit(2);
        }
        var table = new ResultsTable(load(Path.of(args[0])), args.length == 3 ? load(Path.of(args[2])) : Map.of());
        System.out.print(table.markdown());
    }

    static Map<String, Figures> load(Path directory) {
        try (Stream<Path> files = Files.exists(directory) ? Files.list(directory) : Stream.empty()) {
            var figures = new LinkedHashMap<String, Figures>();
            files.filter(file -> file.getFileName().toString().endsWith(".properties")).map(Figures::read)
                    .sorted(Comparator.comparingInt((Figures f) -> rank(f.id())).thenComparing(Figures::id))
                    .forEach(f -> figures.put(f.id(), f));
            return figures;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A repeated scenario's later runs ({@code <id>.<run>}) follow its first. */
    private static int rank(String id) {
        int index = ORDER.indexOf(id.replaceFirst("\\.[0-9]+$", ""));
        return index < 0 ? ORDER.size() : index;
    }

    String markdown() {
        var out = new StringBuilder();
        if (before.isEmpty()) {
            single(out);
        }
        else {
            sideBySide(out);
        }
        goals(out);
        facts(out);
        return out.toString();
    }

    private void single(StringBuilder out) {
        out.append("### Throughput and latency\n\n")
                .append("| scenario | n | per second | p50 ms | p90 ms | p99 ms | max ms | other answers "
                        + "| no answer |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Figures f : after.values()) {
            out.append("| %s | %d | %s | %s | %s | %s | %s | %d | %d |\n".formatted(f.title(), f.completed(),
                    number(f.rate()), number(f.p50()), number(f.p90()), number(f.p99()), number(f.max()), f.failed(),
                    f.noAnswer()));
        }
        Figures idle = after.get("idle");
        out.append("\n### CPU ms per completed request, by process (load generator excluded)\n\n")
                .append("| scenario | unit | all | all less idle | of all, JIT compiling |");
        Figures.PROCESSES.forEach(process -> out.append(' ').append(process).append(" |"));
        out.append("\n|---|---|---|---|---|").append("---|".repeat(Figures.PROCESSES.size())).append('\n');
        for (Figures f : after.values()) {
            if (f.cpuMillis().isEmpty()) {
                continue;
            }
            out.append("| %s | %s | %s | %s | %s |".formatted(f.title(), f.unit(), number(f.cpuPerUnit()),
                    number(lessIdle(f, idle)), number(f.jitPerUnit())));
            Figures.PROCESSES.forEach(process -> out.append(' ').append(number(f.cpuPerUnit(process))).append(" |"));
            out.append('\n');
        }
    }

    /**
     * CPU ms per request once the stack's own idle use over the scenario's duration is taken off: what the requests
     * cost, whatever the rate. NaN without an idle run.
     */
    private static double lessIdle(Figures f, Figures idle) {
        if (idle == null || idle.seconds() <= 0 || f.id().equals("idle") || f.completed() == 0) {
            return Double.NaN;
        }
        double idlePerSecond = idle.cpuMillis().values().stream().mapToDouble(Double::doubleValue).sum()
                / idle.seconds();
        return f.cpuPerUnit() - idlePerSecond * f.seconds() / f.completed();
    }

    private void sideBySide(StringBuilder out) {
        out.append("### Before and after\n\n")
                .append("| scenario | per second before | after | × | p99 ms before | after | × "
                        + "| CPU ms per request before | after | × | less JIT compiling before | after | × |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String id : ids()) {
            out.append("| ").append(title(id)).append(' ');
            cells(out, id, Figures::rate);
            cells(out, id, Figures::p99);
            cells(out, id, Figures::cpuPerUnit);
            cells(out, id, Figures::cpuPerUnitLessJit);
            out.append("|\n");
        }
        out.append("\n### CPU ms per completed request by process, before → after (×)\n\n| scenario |");
        Figures.PROCESSES.forEach(process -> out.append(' ').append(process).append(" |"));
        out.append("\n|---|").append("---|".repeat(Figures.PROCESSES.size())).append('\n');
        for (String id : ids()) {
            out.append("| ").append(title(id)).append(" |");
            for (String process : Figures.PROCESSES) {
                double was = figure(before, id, f -> f.cpuPerUnit(process));
                double is = figure(after, id, f -> f.cpuPerUnit(process));
                out.append(' ').append(number(was)).append(" → ").append(number(is)).append(" (")
                        .append(ratio(is, was)).append(") |");
            }
            out.append('\n');
        }
    }

    private void cells(StringBuilder out, String id, Function<Figures, Double> figure) {
        double was = figure(before, id, figure);
        double is = figure(after, id, figure);
        out.append("| ").append(number(was)).append(" | ").append(number(is)).append(" | ").append(ratio(is, was))
                .append(' ');
    }

    private List<String> ids() {
        var ids = new ArrayList<>(before.keySet());
        after.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        ids.sort(Comparator.comparingInt(ResultsTable::rank).thenComparing(Function.identity()));
        return ids;
    }

    private String title(String id) {
        return Optional.ofNullable(after.get(id)).or(() -> Optional.ofNullable(before.get(id))).map(Figures::title)
                .orElse(id);
    }

    /** The goals of issue 11 that one run can tell, each with its measured value and target. */
    private void goals(StringBuilder out) {
        out.append("\n### Goals of issue 11\n\nOf a scenario run more than once, its first run.\n\n| goal | target |");
        out.append(before.isEmpty() ? " measured | met |\n|---|---|---|---|\n"
                : " before | after | met after |\n|---|---|---|---|---|\n");
        goal(out, "CPU per paid reservation, ms", "≤ 10", runs -> figure(runs, "paid", Figures::cpuPerUnit),
                value -> value <= 10);
        goal(out, "CPU per free ticket with QR, ms", "≤ 15", runs -> figure(runs, "free", Figures::cpuPerUnit),
                value -> value <= 15);
        // the services of a run are minutes old and still compiling; long-running ones are not
        goal(out, "— the same, paid, less the JIT compiling meanwhile", "≤ 10",
                runs -> figure(runs, "paid", Figures::cpuPerUnitLessJit), value -> value <= 10);
        goal(out, "— the same, free, less the JIT compiling meanwhile", "≤ 15",
                runs -> figure(runs, "free", Figures::cpuPerUnitLessJit), value -> value <= 15);
        for (String users : List.of("16", "64")) {
            goal(out, "orders ÷ pgbench, " + users + " at once", "≥ 0.5",
                    runs -> figure(runs, "orders-" + users, Figures::rate) / figure(runs, "pgbench-" + users,
                            Figures::rate), value -> value >= 0.5);
        }
        goal(out, "event reads, gateway ÷ direct", "≥ 0.8",
                runs -> figure(runs, "reads-gateway", Figures::rate) / figure(runs, "reads-direct", Figures::rate),
                value -> value >= 0.8);
        goal(out, "verified webhooks per second", "≥ 1000", runs -> figure(runs, "webhooks", Figures::rate),
                value -> value >= 1000);
        goal(out, "webhooks stored ÷ distinct events accepted", "1",
                runs -> figure(runs, "webhooks", f -> fact(f, "stored") / fact(f, "distinct events accepted")),
                value -> value == 1.0);
        goal(out, "webhooks processed once ÷ distinct events accepted", "1",
                runs -> figure(runs, "webhooks", f -> fact(f, "processed once") / fact(f, "distinct events accepted")),
                value -> value == 1.0);
        count(out, "flash sale: seats sold", "= 100", runs -> figure(runs, "flash-sale", f -> fact(f, "sold")),
                value -> value == 100);
        count(out, "flash sale: buyers not answered 200 or the 400", "0",
                runs -> figure(runs, "flash-sale", f -> (double) f.failed() + f.noAnswer()),
                value -> value == 0);
        goal(out, "flash sale: p99 of the sold-out answers, ms", "≤ 1000",
                runs -> figure(runs, "flash-sale", f -> fact(f, "sold-out p99 ms")), value -> value <= 1000);
        count(out, "flash sale: timeouts and 5xx", "0",
                runs -> figure(runs, "flash-sale", f -> (double) f.noAnswer() + fact(f, "5xx")), value -> value == 0);
    }

    private void goal(StringBuilder out, String name, String target, Function<Map<String, Figures>, Double> measure,
            DoublePredicate met) {
        goal(out, name, target, measure, met, ResultsTable::number);
    }

    /** A goal on a number of things (seats, buyers), shown without decimals. */
    private void count(StringBuilder out, String name, String target, Function<Map<String, Figures>, Double> measure,
            DoublePredicate met) {
        goal(out, name, target, measure, met,
                value -> Double.isNaN(value) ? number(value) : String.format(Locale.ROOT, "%.0f", value));
    }

    private void goal(StringBuilder out, String name, String target, Function<Map<String, Figures>, Double> measure,
            DoublePredicate met, DoubleFunction<String> format) {
        double is = measure.apply(after);
        out.append("| ").append(name).append(" | ").append(target).append(" | ");
        if (!before.isEmpty()) {
            out.append(format.apply(measure.apply(before))).append(" | ");
        }
        out.append(format.apply(is)).append(" | ")
                .append(Double.isNaN(is) ? "not measured" : met.test(is) ? "yes" : "no")
                .append(" |\n");
    }

    private void facts(StringBuilder out) {
        var lines = new ArrayList<String>();
        for (var run : before.isEmpty() ? List.of(Map.entry("", after))
                : List.of(Map.entry("before: ", before), Map.entry("after: ", after))) {
            for (Figures f : run.getValue().values()) {
                if (!f.facts().isEmpty()) {
                    var facts = new StringBuilder();
                    f.facts().forEach((name, value) -> facts.append(facts.isEmpty() ? "" : ", ").append(name)
                            .append(' ').append(value));
                    lines.add("- " + run.getKey() + f.title() + ": " + facts);
                }
            }
        }
        if (!lines.isEmpty()) {
            out.append("\n### Scenario facts\n\n").append(String.join("\n", lines)).append('\n');
        }
    }

    private static double figure(Map<String, Figures> run, String id, Function<Figures, Double> figure) {
        Figures f = run.get(id);
        return f == null ? Double.NaN : figure.apply(f);
    }

    private static double fact(Figures f, String name) {
        try {
            return Double.parseDouble(f.facts().getOrDefault(name, "NaN"));
        }
        catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    private static String ratio(double is, double was) {
        return Double.isNaN(is) || Double.isNaN(was) || was == 0 ? "–"
                : String.format(Locale.ROOT, "%.2f×", is / was);
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        if (value == Math.rint(value) && Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f",
                value);
    }
}
