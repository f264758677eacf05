package dev.ticketpay.payment.checkout;

import java.time.Clock;

import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.payment.intent.IntentSaga;
import dev.ticketpay.payment.stripe.StripeRefused;
import dev.ticketpay.payment.stripe.StripeUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What payment-service does when a ticket changes: a reservation gets a Checkout Session, a cancelled or expired
 * one gets its session expired, a refund request gets a refund. Each ticket event is handled in two steps so that
 * no database transaction stays open while Stripe is slow: {@link #atStripe} talks to Stripe (idempotently, so a
 * redelivered event repeats nothing), then {@link #record} writes the result and its event inside the inbox
 * transaction of the ticket event. Events of orders paid through a PaymentIntent (payments API v1) are handed
 * to the {@link IntentSaga}, in the same two steps: such a reservation gets no Checkout Session.
 */
@Service
class CheckoutSaga {

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    /** What happened at Stripe for one ticket event. */
    sealed interface AtStripe {
    }

    record Nothing() implements AtStripe {
    }

    record Opened(Session session) implements AtStripe {
    }

    record Refused(String reason, String message) implements AtStripe {
    }

    record Expired() implements AtStripe {
    }

    record Refunded(Refund refund) implements AtStripe {
    }

    /** The event belongs to an order paid through a PaymentIntent. */
    record ByIntent(IntentSaga.Step step) implements AtStripe {
    }

    private static final AtStripe NOTHING = new Nothing();

    private final Checkouts checkouts;
    private final CheckoutSessions sessions;
    private final PaymentOutcomes outcomes;
    private final Outbox outbox;
    private final IntentSaga intents;
    private final Clock clock = Clock.systemUTC();

    CheckoutSaga(Checkouts checkouts, CheckoutSessions sessions, PaymentOutcomes outcomes, Outbox outbox,
            IntentSaga intents) {
        this.checkouts = checkouts;
        this.sessions = sessions;
        this.outcomes = outcomes;
        this.outbox = outbox;
        this.intents = intents;
    }

    /** Step one, outside any transaction; {@code event} may be null (not a ticket event we can read). */
    Mono<AtStripe> atStripe(TicketEvent event) {
        return event == null ? Mono.just(NOTHING) : intents.atStripe(event).<AtStripe>map(ByIntent::new)
                .switchIfEmpty(Mono.defer(() -> checkoutAtStripe(event)));
    }

    private Mono<AtStripe> checkoutAtStripe(TicketEvent event) {
        return switch (event) {
            case TicketReserved reserved -> open(reserved);
            case TicketCancelled cancelled -> close(cancelled.ticketId());
            case TicketExpired expired -> close(expired.ticketId());
            case RefundRequested refund -> refund(refund);
            case null, default -> Mono.just(NOTHING);
        };
    }

    /** Step two, inside the inbox transaction of {@code event}. */
    Mono<Void> record(TicketEvent event, AtStripe atStripe) {
        return switch (atStripe) {
            case Opened opened -> recordOpened((TicketReserved) event, opened.session());
            case Refused refused -> recordRefused((TicketReserved) event, refused);
            case Expired expired -> outcomes.cancelled(event.ticketId());
            case Refunded refunded -> recordRefunded((RefundRequested) event, refunded.refund());
            case ByIntent byIntent -> intents.record(event, byIntent.step());
            case Nothing nothing -> Mono.empty();
        };
    }

    /**
     * The checkout row (with the session's expiry) is written before Stripe is called, so a redelivery after a
     * crash asks Stripe with exactly the same parameters and gets the same session back.
     */
    private Mono<AtStripe> open(TicketReserved ticket) {
        var wanted = Checkout.creating(ticket.ticketId(), ticket.orderId(), ticket.userId(), ticket.amount(),
                ticket.currency(), sessions.expiryFor(ticket.expiresAt()));
        return checkouts.addIfAbsent(wanted).flatMap(checkout -> checkout.status() != Checkout.Status.CREATING
                ? Mono.just(NOTHING)
                : sessions.create(ticket, checkout).<AtStripe>map(Opened::new)
                        .onErrorResume(StripeRefused.class, e -> {
                            log.warn("Stripe refused a session for ticket {}: {} ({})", ticket.ticketId(),
                                    e.stripeMessage(), e.code());
                            return Mono.just(new Refused(e.code(), e.stripeMessage()));
                        })
                        .onErrorResume(StripeUnavailable.class, e -> {
                            log.warn("No session for ticket {}: {}", ticket.ticketId(), e.getMessage());
                            return Mono.just(new Refused(PaymentFailed.STRIPE_UNAVAILABLE,
                                    "The payment provider could not be reached."));
                        }));
    }

    private Mono<Void> recordOpened(TicketReserved ticket, Session session) {
        return checkouts.lockTicket(ticket.ticketId())
                .filter(checkout -> checkout.status() == Checkout.Status.CREATING)
                .flatMap(checkout -> {
                    var open = checkout.opened(session.getId(), session.getUrl());
                    return checkouts.save(open).then(outbox.append(new CheckoutSessionCreated(open.ticketId(),
                            open.orderId(), open.sessionId(), open.checkoutUrl(), open.expiresAt())));
                });
    }

    private Mono<Void> recordRefused(TicketReserved ticket, Refused refused) {
        return checkouts.lockTicket(ticket.ticketId())
                .filter(checkout -> checkout.status() == Checkout.Status.CREATING)
                .flatMap(checkout -> checkouts.save(checkout.refused(), refused.reason(), null)
                        .then(outbox.append(new PaymentFailed(ticket.ticketId(), ticket.orderId(), null,
                                refused.reason(), refused.message(), true, clock.instant()))));
    }

    /**
     * Expires the open session. The flag set first makes the session's own {@code checkout.session.expired}
     * read as our cancel. If Stripe completed the session first, nothing happens here: its webhook reports the
     * payment and ticket-service handles it as a late one. If Stripe stays unreachable the session still
     * expires at its {@code expires_at}, and that event then becomes the PaymentCancelled.
     */
    private Mono<AtStripe> close(long ticketId) {
        return checkouts.byTicket(ticketId)
                .filter(Checkout::isOpen)
                .flatMap(checkout -> checkouts.markCancelRequested(ticketId)
                        .then(sessions.expire(checkout.sessionId()))
                        .<AtStripe>map(session -> "expired".equals(session.getStatus()) ? new Expired() : NOTHING)
                        .onErrorResume(StripeUnavailable.class, e -> {
                            log.warn("Could not expire session {} of ticket {} yet; it expires by itself at {}: {}",
                                    checkout.sessionId(), ticketId, checkout.expiresAt(), e.getMessage());
                            return Mono.just(NOTHING);
                        }))
                .defaultIfEmpty(NOTHING);
    }

    /** A failure here is left to the listener's retries and then the dead-letter topic: money must not be lost. */
    private Mono<AtStripe> refund(RefundRequested request) {
        return checkouts.byTicket(request.ticketId())
                .map(checkout -> checkout.isRefunded() ? Mono.<String>empty()
                        : Mono.justOrEmpty(checkout.paymentIntentId()))
                .defaultIfEmpty(Mono.empty())
                .flatMap(known -> known.switchIfEmpty(Mono.defer(() -> paymentIntentOf(request.paymentReference()))))
                .flatMap(paymentIntent -> sessions.refund(request.ticketId(), paymentIntent))
                .<AtStripe>map(Refunded::new)
                .defaultIfEmpty(NOTHING);
    }

    private Mono<String> paymentIntentOf(String paymentReference) {
        if (paymentReference == null) {
            return Mono.empty();
        }
        return paymentReference.startsWith("pi_") ? Mono.just(paymentReference)
                : sessions.retrieve(paymentReference).flatMap(session -> Mono.justOrEmpty(session.getPaymentIntent()));
    }

    private Mono<Void> recordRefunded(RefundRequested request, Refund refund) {
        return checkouts.lockTicket(request.ticketId())
                .map(checkout -> checkout.isRefunded() ? Mono.<Void>empty()
                        : checkouts.save(checkout.refunded(), null, refund.getId()).then(announce(request, refund)))
                .defaultIfEmpty(Mono.defer(() -> announce(request, refund)))
                .flatMap(step -> step);
    }

    private Mono<Void> announce(RefundRequested request, Refund refund) {
        return outbox.append(new PaymentRefunded(request.ticketId(), request.orderId(), refund.getId(),
                refund.getAmount(), refund.getCurrency(), clock.instant()));
    }
}
