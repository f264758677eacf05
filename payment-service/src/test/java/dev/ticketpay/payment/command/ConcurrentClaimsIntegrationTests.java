package dev.ticketpay.payment.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketpay.payment.SagaIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several payment-service instances perform Stripe commands from one table at once: each due command is claimed by
 * exactly one of them (the claim's {@code for update skip locked}), however many ask at the same moment.
 */
class ConcurrentClaimsIntegrationTests extends SagaIntegrationTest {

    private static final int COMMANDS = 40;
    private static final int INSTANCES = 8;

    @Autowired StripeCommands commands;
    @Autowired DatabaseClient db;

    @Test
    void eachDueCommandIsClaimedByOneInstanceWhenManyAskAtOnce() {
        var ids = new ArrayList<UUID>();
        long firstTicket = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        for (int i = 0; i < COMMANDS; i++) {
            // targets Stripe does not know: the service's own worker, if it takes one, is refused once for good
            var command = StripeCommand.of(StripeCommand.Kind.REFUND, firstTicket + i, UUID.randomUUID(),
                    "pi_claimRace" + i);
            ids.add(command.id());
            commands.add(command).block();
        }
        // all due at one moment, so that every instance asks for the same rows at once
        Instant due = Instant.now().plusMillis(1500);
        db.sql("update stripe_commands set next_attempt_at = :due where id = any(:ids)").bind("due", due)
                .bind("ids", ids.toArray(UUID[]::new)).fetch().rowsUpdated().block();

        var claimedBy = new ConcurrentHashMap<UUID, List<Integer>>();
        try {
            Flux.range(0, INSTANCES)
                    .flatMap(instance -> Mono.delay(untilDue(due))
                            .thenMany(claimUntilNoneDue(instance, Set.copyOf(ids), claimedBy)), INSTANCES)
                    .blockLast(Duration.ofSeconds(30));

            assertThat(claimedBy.values()).as("instances per claimed command").allSatisfy(
                    instances -> assertThat(instances).hasSize(1));
            assertThat(db.sql("select attempts from stripe_commands where id = any(:ids)")
                    .bind("ids", ids.toArray(UUID[]::new)).map(row -> row.get("attempts", Integer.class)).all()
                    .collectList().block())
                    .as("claims per command, the service's own worker included").hasSize(COMMANDS).containsOnly(1);
            assertThat(claimedBy).as("the racing instances took part").isNotEmpty();
        }
        finally {
            // the claimed ones would come due again when their leases end, and keep the service's worker busy
            // while a later test makes Stripe fail
            db.sql("delete from stripe_commands where id = any(:ids)").bind("ids", ids.toArray(UUID[]::new))
                    .fetch().rowsUpdated().block();
        }
    }

    private static Duration untilDue(Instant due) {
        Duration left = Duration.between(Instant.now(), due).plusMillis(5);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** One instance claims commands until none of the test's is due any more. */
    private Flux<UUID> claimUntilNoneDue(int instance, Set<UUID> ours,
            ConcurrentHashMap<UUID, List<Integer>> claimedBy) {
        // the lease of the suite's settings: a command of another test taken here is only delayed by it
        Duration lease = Duration.ofSeconds(20);
        return commands.claimNext(lease)
                .expand(claimed -> commands.claimNext(lease))
                .map(StripeCommand::id)
                .filter(ours::contains)
                .doOnNext(id -> claimedBy.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>())
                        .add(instance));
    }
}
