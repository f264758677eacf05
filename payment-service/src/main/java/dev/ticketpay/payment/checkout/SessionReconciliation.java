package dev.ticketpay.payment.checkout;

import dev.ticketpay.payment.PaymentProviderUnavailable;
import dev.ticketpay.payment.stripe.StripeRefused;
import dev.ticketpay.payment.stripe.StripeUnavailable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Asks Stripe about a session now instead of waiting for its webhook, for ticket-service's verify call: a paid
 * session yields the same PaymentSucceeded the webhook would, through the same {@link SessionOutcomes}, once.
 */
@Service
public class SessionReconciliation {

    /** Where the session stands: Stripe's {@code payment_status} and {@code status} (open, complete, expired). */
    public record Result(String sessionId, long ticketId, String paymentStatus, String status) {
    }

    private final Checkouts checkouts;
    private final StripeCheckoutSessions sessions;
    private final SessionOutcomes outcomes;
    private final TransactionalOperator transactions;

    SessionReconciliation(Checkouts checkouts, StripeCheckoutSessions sessions, SessionOutcomes outcomes,
            TransactionalOperator transactions) {
        this.checkouts = checkouts;
        this.sessions = sessions;
        this.outcomes = outcomes;
        this.transactions = transactions;
    }

    /** For the ticket's owner or an admin; others get 403, unknown sessions 404. */
    public Mono<Result> reconcile(String sessionId, String caller, boolean admin) {
        return checkouts.bySession(sessionId)
                .switchIfEmpty(Mono.error(() -> SessionNotFound.here(sessionId)))
                .filter(checkout -> admin || checkout.isOwnedBy(caller))
                .switchIfEmpty(Mono.error(NotYourSession::new))
                .flatMap(checkout -> sessions.retrieve(sessionId)
                        .map(SessionSnapshot::of)
                        .onErrorMap(StripeUnavailable.class, e -> new PaymentProviderUnavailable())
                        .onErrorMap(StripeRefused.class, e -> SessionNotFound.atStripe(sessionId))
                        .flatMap(session -> apply(session).thenReturn(new Result(sessionId, checkout.ticketId(),
                                session.paymentStatus(), session.status()))));
    }

    private Mono<Void> apply(SessionSnapshot session) {
        return "complete".equals(session.status()) ? transactions.transactional(outcomes.completed(session))
                : Mono.empty();
    }
}
