package dev.ticketpay.payment.command;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ticketpay.payment.DrainingWorker;
import dev.ticketpay.payment.stripe.StripeRefused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Performs pending Stripe commands, on every instance at once: each command is claimed (its next attempt pushed
 * ahead), Stripe is called with no transaction open, and the answer is recorded with its outcome event in one
 * transaction. Transient failures (Stripe unreachable, 5xx, 429, 409, a database error) are tried again with
 * capped exponential backoff, for as long as it takes; a definitive refusal is recorded, logged, counted as
 * {@code ticketpay.stripe.commands.refused} and handed to the kind's handler, which publishes it. The loop
 * ({@link DrainingWorker}) survives every error, a broken database connection included, and picks up on the next tick.
 */
@Component
public class StripeCommandWorker extends DrainingWorker {

    private static final Logger log = LoggerFactory.getLogger(StripeCommandWorker.class);

    private final StripeCommands commands;
    private final Map<StripeCommand.Kind, StripeCommandHandler<?>> handlers;
    private final TransactionalOperator transactions;
    private final StripeCommandSettings settings;
    /** Registered up front, so a dashboard shows zero refusals rather than no series. */
    private final Map<StripeCommand.Kind, Counter> refusals;

    StripeCommandWorker(StripeCommands commands, List<StripeCommandHandler<?>> handlers,
            TransactionalOperator transactions, StripeCommandSettings settings, MeterRegistry meters) {
        super("Performing Stripe commands", settings.pollInterval());
        this.commands = commands;
        this.handlers = handlers.stream()
                .collect(Collectors.toUnmodifiableMap(StripeCommandHandler::kind, Function.identity()));
        this.transactions = transactions;
        this.settings = settings;
        this.refusals = Arrays.stream(StripeCommand.Kind.values()).collect(Collectors.toUnmodifiableMap(
                Function.identity(), kind -> Counter.builder("ticketpay.stripe.commands.refused")
                        .description("Stripe commands that Stripe refused for good")
                        .tag("kind", kind.value())
                        .register(meters)));
        // whichever step stores a command, it is performed as soon as its transaction commits, not at the next tick
        commands.whenAdded(added -> wake());
    }

    /** False when no command was due. */
    @Override
    protected Mono<Boolean> processNext() {
        return commands.claimNext(settings.lease()).flatMap(command -> perform(command).thenReturn(true))
                .defaultIfEmpty(false);
    }

    private Mono<Void> perform(StripeCommand command) {
        return Mono.defer(() -> perform(command, handler(command)))
                .onErrorResume(e -> {
                    var pause = settings.backoff(command.attempts());
                    log.warn("Stripe command {} ({} of ticket {}, attempt {}) failed, trying again in {}: {}",
                            command.id(), command.kind().value(), command.ticketId(), command.attempts(), pause,
                            e.toString());
                    return commands.retryLater(command.id(), e.toString(), pause);
                });
    }

    private <R> Mono<Void> perform(StripeCommand command, StripeCommandHandler<R> handler) {
        return handler.perform(command)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(answer -> transactions.transactional(commands.lockPending(command.id())
                        .flatMap(pending -> handler.done(command, answer.orElse(null)).map(Optional::of)
                                .defaultIfEmpty(Optional.empty())
                                .flatMap(result -> commands.markDone(command.id(), result.orElse(null))))))
                .onErrorResume(StripeRefused.class, refusal -> refused(command, handler, refusal));
    }

    private <R> Mono<Void> refused(StripeCommand command, StripeCommandHandler<R> handler, StripeRefused refusal) {
        String reason = refusal.code() + ": " + refusal.stripeMessage();
        return transactions.transactional(commands.lockPending(command.id())
                        .flatMap(pending -> handler.refused(command, refusal)
                                .then(commands.markRefused(command.id(), reason))
                                .thenReturn(true)))
                .doOnNext(recorded -> {
                    log.error("Stripe refused {} of ticket {} ({}) for good: {}", command.kind().value(),
                            command.ticketId(), command.target(), reason);
                    refusals.get(command.kind()).increment();
                })
                .then();
    }

    @SuppressWarnings("unchecked")
    private <R> StripeCommandHandler<R> handler(StripeCommand command) {
        var handler = (StripeCommandHandler<R>) handlers.get(command.kind());
        if (handler == null) {
            throw new IllegalStateException("no handler for Stripe commands of kind " + command.kind());
        }
        return handler;
    }

}
