package dev.ticketpay.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Deletes bookkeeping that has served its purpose: published outbox rows, inbox entries and replayed dead
 * letters past their retention, plus whatever a service adds as {@link Rule} beans (payment-service's processed
 * Stripe events). Deletes go in small batches so a prune never holds many locks, and run in every instance
 * (deleting twice is harmless) as a {@link Repeating} job.
 */
public final class Retention {

    /**
     * One kind of row to prune: rows of {@code table} whose {@code column} (a timestamp, null while the row is
     * still needed) is older than {@code keep}. Table and column come from code, never from input.
     */
    public record Rule(String table, String column, Duration keep) {

        public Rule {
            if (!table.matches("[a-z_]+") || !column.matches("[a-z_]+")) {
                throw new IllegalArgumentException("table and column must be plain lower-case names");
            }
        }

        /**
         * The statement that finds a batch of expired rows ({@code :cutoff}, {@code :batch}); the table needs an
         * index on the column for it, or every prune reads all the rows it keeps.
         */
        public String expiredRows() {
            return "select ctid from " + table + " where " + column + " < :cutoff limit :batch";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DatabaseClient db;
    private final RetentionSettings settings;
    private final List<Rule> rules;
    private final Clock clock;

    Retention(DatabaseClient db, RetentionSettings settings, List<Rule> serviceRules, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        var all = new ArrayList<Rule>();
        all.add(new Rule("outbox", "published_at", settings.outbox()));
        all.add(new Rule("inbox", "processed_at", settings.inbox()));
        all.add(new Rule("dead_letters", "replayed_at", settings.deadLetters()));
        all.addAll(serviceRules);
        this.rules = List.copyOf(all);
    }

    /** What this job prunes: the shared tables' rules and the service's own. */
    public List<Rule> rules() {
        return rules;
    }

    /** Prunes every rule once; emits the number of rows deleted. */
    public Mono<Long> prune() {
        Instant now = clock.instant();
        return Flux.fromIterable(rules).concatMap(rule -> prune(rule, now.minus(rule.keep()))).reduce(0L, Long::sum);
    }

    private Mono<Long> prune(Rule rule, Instant cutoff) {
        String sql = "delete from " + rule.table() + " where ctid in (" + rule.expiredRows() + ")";
        Mono<Long> batch = Mono.defer(() -> db.sql(sql).bind("cutoff", cutoff).bind("batch", settings.batchSize())
                .fetch().rowsUpdated());
        return batch.expand(deleted -> deleted >= settings.batchSize() ? batch : Mono.empty())
                .reduce(0L, Long::sum)
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("Pruned {} rows of {} older than {}", deleted, rule.table(), rule.keep());
                    }
                });
    }
}
