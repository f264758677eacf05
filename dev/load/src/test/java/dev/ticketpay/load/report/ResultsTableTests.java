package dev.ticketpay.load.report;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsTableTests {

    @TempDir
    Path results;

    @Test
    void figuresSurviveTheirFile() {
        var written = figures("paid", 300, 30, Map.of("ticket-service", 9000.0, "postgres", 3000.0), Map.of())
                .withJit(Map.of("ticket-service", 3000.0));
        written.write(results);

        var read = Figures.read(results.resolve("paid.properties"));

        assertThat(read).isEqualTo(written);
        assertThat(read.rate()).isEqualTo(10.0);
        assertThat(read.cpuPerUnit("ticket-service")).isEqualTo(30.0);
        assertThat(read.cpuPerUnit()).isEqualTo(40.0);
        assertThat(read.cpuPerUnit("gateway")).isNaN();
        assertThat(read.jitPerUnit()).isEqualTo(10.0);
        assertThat(read.cpuPerUnitLessJit()).isEqualTo(30.0);
    }

    @Test
    void withoutAJitReadingNothingIsTakenOff() {
        var pgbench = figures("pgbench-16", 300, 30, Map.of("postgres", 3000.0), Map.of());

        assertThat(pgbench.jitPerUnit()).isNaN();
        assertThat(pgbench.cpuPerUnitLessJit()).isNaN();
    }

    @Test
    void theJitsPartIsShownAndTakenOffInItsOwnGoalRows() {
        var run = Map.of("paid", figures("paid", 300, 30, Map.of("ticket-service", 9000.0, "postgres", 3000.0),
                Map.of()).withJit(Map.of("ticket-service", 9000.0)));

        String markdown = new ResultsTable(run, Map.of()).markdown();

        assertThat(markdown).contains("| paid | request | 40.0 | – | 30.0 | 30.0 |")
                .contains("| CPU per paid reservation, ms | ≤ 10 | 40.0 | no |")
                .contains("| — the same, paid, less the JIT compiling meanwhile | ≤ 10 | 10.0 | yes |")
                .contains("| — the same, free, less the JIT compiling meanwhile | ≤ 15 | – | not measured |");
    }

    @Test
    void goalsAreMeasuredAsRatiosOfTheirScenarios() {
        var run = Map.of(
                "orders-16", figures("orders-16", 1500, 30, Map.of(), Map.of()),
                "pgbench-16", figures("pgbench-16", 12000, 30, Map.of(), Map.of()),
                "reads-direct", figures("reads-direct", 15000, 30, Map.of(), Map.of()),
                "reads-gateway", figures("reads-gateway", 13500, 30, Map.of(), Map.of()),
                "flash-sale", figures("flash-sale", 2000, 12, Map.of(),
                        Map.of("sold", "100", "not enough", "1900", "sold-out p99 ms", "850", "5xx", "0")));

        String markdown = new ResultsTable(run, Map.of()).markdown();

        assertThat(markdown).contains("| orders ÷ pgbench, 16 at once | ≥ 0.5 | 0.13 | no |")
                .contains("| orders ÷ pgbench, 64 at once | ≥ 0.5 | – | not measured |")
                .contains("| event reads, gateway ÷ direct | ≥ 0.8 | 0.90 | yes |")
                .contains("| flash sale: seats sold | = 100 | 100 | yes |")
                .contains("| flash sale: buyers not answered 200 or the 400 | 0 | 0 | yes |")
                .contains("| flash sale: p99 of the sold-out answers, ms | ≤ 1000 | 850 | yes |");
    }

    @Test
    void eachRunOfARepeatedScenarioKeepsItsRowAndTheGoalsReadTheFirst() {
        var first = figures("flash-sale", 2000, 12, Map.of(), Map.of("sold", "100", "sold-out p99 ms", "4500"));
        var second = figures("flash-sale", 2000, 8, Map.of(), Map.of("sold", "100", "sold-out p99 ms", "900"))
                .ofRun(2);
        second.write(results);
        first.write(results);
        figures("reads-direct", 15000, 30, Map.of(), Map.of()).write(results);
        figures("custom", 10, 1, Map.of(), Map.of()).write(results);

        var run = ResultsTable.load(results);
        String markdown = new ResultsTable(run, Map.of()).markdown();

        assertThat(run.keySet()).containsExactly("reads-direct", "flash-sale", "flash-sale.2", "custom");
        assertThat(markdown).contains("| flash-sale | 2000 | 167 |").contains("| flash-sale (run 2) | 2000 | 250 |")
                .contains("| flash sale: p99 of the sold-out answers, ms | ≤ 1000 | 4500 | no |");
    }

    @Test
    void theStacksIdleUseIsTakenOffEachRequest() {
        var run = Map.of(
                "idle", figures("idle", 20, 20, Map.of("ticket-service", 1000.0, "payment-service", 1000.0), Map.of()),
                "paid", figures("paid", 300, 30, Map.of("ticket-service", 9000.0, "postgres", 3000.0), Map.of()));

        String markdown = new ResultsTable(run, Map.of()).markdown();

        // 100 ms a second while idle is 10 ms of each of the 300 purchases in 30 s
        assertThat(markdown).contains("| paid | request | 40.0 | 30.0 | – | 30.0 |");
    }

    @Test
    void twoRunsAreShownBeforeAndAfterWithTheirRatio() {
        var before = Map.of("paid", figures("paid", 300, 30, Map.of("ticket-service", 9000.0), Map.of())
                .withJit(Map.of("ticket-service", 3000.0)));
        var after = Map.of("paid", figures("paid", 600, 30, Map.of("ticket-service", 3000.0), Map.of())
                .withJit(Map.of("ticket-service", 600.0)));

        String markdown = new ResultsTable(after, before).markdown();

        assertThat(markdown).contains("| paid | 10.0 | 20.0 | 2.00× ")
                .contains("| 30.0 | 5.00 | 0.17× | 20.0 | 4.00 | 0.20× |")
                .contains("| 30.0 → 5.00 (0.17×) |")
                .contains("| CPU per paid reservation, ms | ≤ 10 | 30.0 | 5.00 | yes |");
    }

    private static Figures figures(String id, long completed, double seconds, Map<String, Double> cpu,
            Map<String, String> facts) {
        return new Figures(id, id, "request", completed, seconds, 10, 20, 30, 40, 0, 0, cpu, facts);
    }
}
