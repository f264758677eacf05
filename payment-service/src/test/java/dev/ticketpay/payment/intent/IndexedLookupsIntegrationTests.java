package dev.ticketpay.payment.intent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.ticketpay.messaging.Retention;
import dev.ticketpay.payment.SagaIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Look-ups whose cost must not grow with the tables: each statement's plan, with sequential scans switched off for
 * the planner, still reads its table through an index. Without a usable index PostgreSQL has no other way and plans a
 * sequential scan anyway, so the plan names one.
 */
class IndexedLookupsIntegrationTests extends SagaIntegrationTest {

    @Autowired DatabaseClient db;
    @Autowired TransactionalOperator transactions;
    @Autowired Retention retention;

    @Test
    void aClassicOrderIsFoundByItsIdThroughAnIndexNotByReadingEveryCheckout() {
        // the id comes from the client (POST /api/v1/payments/intent), made-up ones included
        assertThat(plan(Orders.CLASSIC_ORDER, Map.of("orderId", UUID.randomUUID())))
                .contains("checkout_sessions_order")
                .doesNotContain("Seq Scan");
    }

    @Test
    void everyRetentionRuleFindsItsExpiredRowsThroughAnIndex() {
        assertThat(retention.rules()).extracting(Retention.Rule::table)
                .contains("outbox", "inbox", "dead_letters", "stripe_events");
        assertThat(retention.rules()).allSatisfy(rule -> assertThat(
                plan(rule.expiredRows(), Map.of("cutoff", Instant.now(), "batch", 500)))
                .as("the plan of %s", rule.expiredRows())
                .doesNotContain("Seq Scan"));
    }

    private String plan(String sql, Map<String, Object> parameters) {
        var explain = db.sql("explain " + sql);
        for (var parameter : parameters.entrySet()) {
            explain = explain.bind(parameter.getKey(), parameter.getValue());
        }
        var lines = explain.map(row -> row.get(0, String.class)).all();
        return transactions.transactional(db.sql("set local enable_seqscan = off").then().thenMany(lines))
                .collectList().map(plan -> String.join("\n", plan)).block();
    }
}
