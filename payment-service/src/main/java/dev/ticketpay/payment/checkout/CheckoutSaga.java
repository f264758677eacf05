package dev.ticketpay.payment.checkout;

import java.time.Clock;

import com.stripe.model.checkout.Session;
import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.payment.command.StripeCommand;
import dev.ticketpay.payment.command.StripeCommands;
import dev.ticketpay.payment.stripe.StripeRefused;
import dev.ticketpay.payment.stripe.StripeUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The Checkout side of the ticket saga. A reservation gets its session in two steps so no database transaction
 * stays open while Stripe is slow: {@link #open} talks to Stripe (idempotently, so a redelivered event repeats
 * nothing), then {@link #recordOpening} writes the result and its event inside the inbox transaction of the
 * ticket event. A cancelled or expired reservation only records the decision to expire its session
 * ({@link #close}); the Stripe command worker does it ({@link SessionExpiry}).
 */
@Service
public class CheckoutSaga {

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    /** What Stripe answered to the session request of one reservation. */
    public sealed interface Opening {
    }

    /** Nothing to record: not a fresh reservation of ours. */
    record Nothing() implements Opening {
    }

    record Opened(Session session) implements Opening {
    }

    record Refused(String reason, String message) implements Opening {
    }

    private static final Opening NOTHING = new Nothing();

    private final Checkouts checkouts;
    private final StripeCheckoutSessions sessions;
    private final StripeCommands commands;
    private final Outbox outbox;
    private final Clock clock;

    CheckoutSaga(Checkouts checkouts, StripeCheckoutSessions sessions, StripeCommands commands, Outbox outbox,
            Clock clock) {
        this.checkouts = checkouts;
        this.sessions = sessions;
        this.commands = commands;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Step one, outside any transaction. The checkout row (with the session's expiry) is written before Stripe is
     * called, so a redelivery after a crash asks Stripe with exactly the same parameters and gets the same session.
     */
    public Mono<Opening> open(TicketReserved ticket) {
        var wanted = Checkout.creating(ticket.ticketId(), ticket.orderId(), ticket.userId(), ticket.amount(),
                ticket.currency(), sessions.expiryFor(ticket.expiresAt()));
        return checkouts.addIfAbsent(wanted).flatMap(checkout -> !checkout.isCreating()
                ? Mono.just(NOTHING)
                : sessions.create(ticket, checkout).<Opening>map(Opened::new)
                        .onErrorResume(StripeRefused.class, e -> InTrace.run(() -> log.warn(
                                        "Stripe refused a session for ticket {}: {} ({})", ticket.ticketId(),
                                        e.stripeMessage(), e.code()))
                                .thenReturn(new Refused(e.code(), e.stripeMessage())))
                        .onErrorResume(StripeUnavailable.class, e -> InTrace.run(() -> log.warn(
                                        "No session for ticket {}: {}", ticket.ticketId(), e.getMessage()))
                                .thenReturn(new Refused(PaymentFailed.STRIPE_UNAVAILABLE,
                                        "The payment provider could not be reached."))));
    }

    /** Step two, inside the inbox transaction of the reservation. */
    public Mono<Void> recordOpening(TicketReserved ticket, Opening opening) {
        return switch (opening) {
            case Opened opened -> recordOpened(ticket, opened.session());
            case Refused refused -> recordRefused(ticket, refused);
            case Nothing nothing -> Mono.empty();
        };
    }

    private Mono<Void> recordOpened(TicketReserved ticket, Session session) {
        return checkouts.lockTicket(ticket.ticketId())
                .filter(Checkout::isCreating)
                .flatMap(checkout -> {
                    var open = checkout.opened(session.getId(), session.getUrl());
                    return checkouts.save(open).then(outbox.append(new CheckoutSessionCreated(open.ticketId(),
                            open.orderId(), open.sessionId(), open.checkoutUrl(), open.expiresAt())));
                });
    }

    private Mono<Void> recordRefused(TicketReserved ticket, Refused refused) {
        return checkouts.lockTicket(ticket.ticketId())
                .filter(Checkout::isCreating)
                .flatMap(checkout -> checkouts.save(checkout.refused(), null, refused.reason())
                        .then(outbox.append(new PaymentFailed(ticket.ticketId(), ticket.orderId(), null,
                                refused.reason(), refused.message(), true, clock.instant()))));
    }

    /**
     * TicketCancelled / TicketExpired, inside its inbox transaction: an open session is to be expired. The flag
     * set with the command makes the session's own {@code checkout.session.expired} read as our cancel. If Stripe
     * completed the session first, its webhook reports the payment and ticket-service handles it as a late one.
     * A ticket without an open session (not a checkout ticket, or one not opened) changes nothing.
     */
    public Mono<Void> close(long ticketId) {
        return checkouts.lockTicket(ticketId)
                .filter(Checkout::isOpen)
                .flatMap(checkout -> checkouts.markCancelRequested(ticketId)
                        .then(commands.add(StripeCommand.of(StripeCommand.Kind.EXPIRE_SESSION, ticketId,
                                checkout.orderId(), checkout.sessionId()))))
                .then();
    }
}
