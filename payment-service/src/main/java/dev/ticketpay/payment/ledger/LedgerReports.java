package dev.ticketpay.payment.ledger;

import java.util.Map;

import dev.ticketpay.messaging.Sql;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The last report, one row, so every instance answers with the newest run whichever instance made it. */
@Repository
class LedgerReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;

    LedgerReports(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> save(LedgerReport report) {
        return db.sql("""
                insert into ledger_reports (id, finished_at, unresolved, report) values (1, :at, :unresolved, :report)
                on conflict (id) do update set finished_at = excluded.finished_at, unresolved = excluded.unresolved,
                    report = excluded.report""")
                .bind("at", Sql.utc(report.finishedAt()))
                .bind("unresolved", report.unbalanced())
                .bind("report", Json.of(JSON.writeValueAsString(report.toJson())))
                .then();
    }

    /** The last report as it was answered, or empty before the first run. */
    Mono<Map<String, Object>> latest() {
        return db.sql("select report from ledger_reports where id = 1")
                .map(row -> JSON.readValue(row.get("report", Json.class).asString(),
                        new TypeReference<Map<String, Object>>() { }))
                .one();
    }

    /** How many charges the last report left unresolved; empty before the first run. */
    Mono<Integer> lastUnresolved() {
        return db.sql("select unresolved from ledger_reports where id = 1")
                .map(row -> row.get("unresolved", Integer.class)).one();
    }
}
