package dev.ticketpay.payment.checkout;

import com.stripe.model.checkout.Session;
import dev.ticketpay.payment.command.StripeCommand;
import dev.ticketpay.payment.command.StripeCommandHandler;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Expires the session of a cancelled or expired reservation, as the Stripe command worker asks. Expiring is
 * idempotent at Stripe by nature: a session that is no longer open is answered as it stands. An expired session
 * becomes PaymentCancelled; a completed one changes nothing (its webhook reports the payment). A refusal (the
 * session does not exist at Stripe) leaves the session to expire by itself at its {@code expires_at}, and that
 * event is then the PaymentCancelled.
 */
@Component
class SessionExpiry implements StripeCommandHandler<Session> {

    private final StripeCheckoutSessions sessions;
    private final SessionOutcomes outcomes;

    SessionExpiry(StripeCheckoutSessions sessions, SessionOutcomes outcomes) {
        this.sessions = sessions;
        this.outcomes = outcomes;
    }

    @Override
    public StripeCommand.Kind kind() {
        return StripeCommand.Kind.EXPIRE_SESSION;
    }

    @Override
    public Mono<Session> perform(StripeCommand command) {
        return sessions.expire(command.target());
    }

    @Override
    public Mono<String> done(StripeCommand command, Session session) {
        return session == null || !"expired".equals(session.getStatus()) ? Mono.empty()
                : outcomes.cancelled(command.ticketId()).thenReturn(session.getId());
    }
}
