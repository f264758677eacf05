package dev.ticketpay.payment.intent;

import com.stripe.model.PaymentIntent;
import dev.ticketpay.payment.command.StripeCommand;
import dev.ticketpay.payment.command.StripeCommandHandler;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Cancels the PaymentIntent of a cancelled or expired order, as the Stripe command worker asks. Cancelling is
 * idempotent at Stripe by nature: an intent that can no longer be cancelled is answered as it stands. A canceled
 * intent becomes PaymentCancelled; a succeeded one changes nothing (its webhook reports the payment, a late one).
 */
@Component
class IntentCancelling implements StripeCommandHandler<PaymentIntent> {

    private final StripePaymentIntents intents;
    private final IntentOutcomes outcomes;

    IntentCancelling(StripePaymentIntents intents, IntentOutcomes outcomes) {
        this.intents = intents;
        this.outcomes = outcomes;
    }

    @Override
    public StripeCommand.Kind kind() {
        return StripeCommand.Kind.CANCEL_INTENT;
    }

    @Override
    public Mono<PaymentIntent> perform(StripeCommand command) {
        return intents.cancel(command.target());
    }

    @Override
    public Mono<String> done(StripeCommand command, PaymentIntent intent) {
        return intent == null || !"canceled".equals(intent.getStatus()) ? Mono.empty()
                : outcomes.canceled(IntentSnapshot.of(intent), null).thenReturn(intent.getId());
    }
}
