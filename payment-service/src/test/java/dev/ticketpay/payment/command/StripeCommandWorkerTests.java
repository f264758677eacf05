package dev.ticketpay.payment.command;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker's loop outlives its failures: a database that breaks mid-claim only delays the next command. */
class StripeCommandWorkerTests {

    private final StripeCommandSettings settings = new StripeCommandSettings(Duration.ofMillis(50),
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void aBrokenDatabaseConnectionDoesNotStopTheWorker() {
        var command = StripeCommand.of(StripeCommand.Kind.REFUND, 7, UUID.randomUUID(), "pi_1");
        var commands = new ScriptedCommands(List.of(
                Mono.error(new R2dbcNonTransientResourceException("connection closed")),
                Mono.error(new R2dbcNonTransientResourceException("connection refused")),
                Mono.just(command)));
        var performed = new CopyOnWriteArrayList<UUID>();
        var worker = new StripeCommandWorker(commands, List.of(new RefundsAtStripe(performed)), new NoTransactions(),
                settings, new SimpleMeterRegistry());

        worker.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> commands.done.contains(command.id()));
            assertThat(performed).containsExactly(command.id());
        }
        finally {
            worker.stop();
        }
    }

    /** Claims answer the script, then nothing is due; the command closes as done. */
    private static final class ScriptedCommands extends StripeCommands {

        final Queue<Mono<StripeCommand>> claims;
        final List<UUID> done = new CopyOnWriteArrayList<>();

        ScriptedCommands(List<Mono<StripeCommand>> claims) {
            super(null);
            this.claims = new ConcurrentLinkedQueue<>(claims);
        }

        @Override
        Mono<StripeCommand> claimNext(Duration lease) {
            return Mono.defer(() -> {
                var next = claims.poll();
                return next == null ? Mono.empty() : next;
            });
        }

        @Override
        Mono<StripeCommand> lockPending(UUID id) {
            return done.contains(id) ? Mono.empty() : Mono.just(StripeCommand.of(StripeCommand.Kind.REFUND, 7,
                    UUID.randomUUID(), "pi_1"));
        }

        @Override
        Mono<Void> markDone(UUID id, String resultId) {
            return Mono.fromRunnable(() -> done.add(id));
        }

        @Override
        Mono<Void> retryLater(UUID id, String error, Duration pause) {
            return Mono.empty();
        }
    }

    private record RefundsAtStripe(List<UUID> performed) implements StripeCommandHandler<String> {

        @Override
        public StripeCommand.Kind kind() {
            return StripeCommand.Kind.REFUND;
        }

        @Override
        public Mono<String> perform(StripeCommand command) {
            return Mono.fromSupplier(() -> {
                performed.add(command.id());
                return "re_1";
            });
        }

        @Override
        public Mono<String> done(StripeCommand command, String answer) {
            return Mono.just(answer);
        }
    }

    private static final class NoTransactions implements TransactionalOperator {

        @Override
        public <T> Flux<T> execute(TransactionCallback<T> action) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Mono<T> transactional(Mono<T> mono) {
            return mono;
        }

        @Override
        public <T> Flux<T> transactional(Flux<T> flux) {
            return flux;
        }
    }
}
