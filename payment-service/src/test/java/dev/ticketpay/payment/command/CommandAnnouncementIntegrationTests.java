package dev.ticketpay.payment.command;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketpay.payment.SagaIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stored Stripe command is announced to the worker (which then performs it at once rather than at its next tick)
 * exactly when a claim can see it: after the storing transaction commits, never inside it, never after a rollback,
 * and right away when no transaction stored it. Every step that stores a command gets this, whichever it is.
 */
class CommandAnnouncementIntegrationTests extends SagaIntegrationTest {

    /** The commands announced to this test's listener (the context, and so the listener, outlives each test). */
    private static final Set<UUID> announced = ConcurrentHashMap.newKeySet();
    private static boolean listening;

    @Autowired StripeCommands commands;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient db;

    private final Set<UUID> stored = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void listen() {
        synchronized (CommandAnnouncementIntegrationTests.class) {
            if (!listening) {
                commands.whenAdded(command -> announced.add(command.id()));
                listening = true;
            }
        }
    }

    @AfterEach
    void forget() {
        // the service's worker takes them too (Stripe refuses their made-up targets); gone before the next test
        db.sql("delete from stripe_commands where id = any(:ids)").bind("ids", stored.toArray(UUID[]::new))
                .fetch().rowsUpdated().block();
    }

    @Test
    void aCommandStoredInATransactionIsAnnouncedOnlyOnceTheTransactionCommits() {
        var command = command();

        boolean heardInside = transactions.transactional(commands.add(command)
                        // the transaction goes on after the insert, as a saga step's does
                        .then(Mono.delay(Duration.ofMillis(200)))
                        .then(Mono.fromCallable(() -> announced.contains(command.id()))))
                .block(Duration.ofSeconds(10));

        assertThat(heardInside).as("announced before the commit").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> announced.contains(command.id()));
    }

    @Test
    void aCommandWhoseTransactionRollsBackIsNeitherStoredNorAnnounced() {
        var command = command();

        var failure = transactions.transactional(commands.add(command)
                        .then(Mono.error(new IllegalStateException("the step fails after storing its command"))))
                .then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(Duration.ofSeconds(10));

        assertThat(failure).hasMessage("the step fails after storing its command");
        assertThat(storedRows(command.id())).isZero();
        assertThat(announced).doesNotContain(command.id());
    }

    @Test
    void aCommandStoredWithoutATransactionIsAnnouncedAtOnce() {
        var command = command();

        assertThat(commands.add(command).block(Duration.ofSeconds(10))).isTrue();

        assertThat(announced).contains(command.id());
    }

    @Test
    void aSecondCommandOfTheSameKindForTheTicketIsNeitherStoredNorAnnounced() {
        var first = command();
        var second = StripeCommand.of(first.kind(), first.ticketId(), first.orderId(), first.target());
        stored.add(second.id());

        assertThat(commands.add(first).block(Duration.ofSeconds(10))).isTrue();
        assertThat(commands.add(second).block(Duration.ofSeconds(10))).isFalse();

        assertThat(announced).contains(first.id()).doesNotContain(second.id());
        assertThat(storedRows(second.id())).isZero();
    }

    /** A refund of a made-up PaymentIntent, for a ticket no other test uses. */
    private StripeCommand command() {
        long ticket = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        var command = StripeCommand.of(StripeCommand.Kind.REFUND, ticket, UUID.randomUUID(),
                "pi_announced" + ticket);
        stored.add(command.id());
        return command;
    }

    private long storedRows(UUID id) {
        return db.sql("select count(*) as n from stripe_commands where id = :id").bind("id", id)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
