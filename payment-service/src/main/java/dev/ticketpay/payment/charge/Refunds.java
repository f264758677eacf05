package dev.ticketpay.payment.charge;

import java.time.Clock;
import java.util.Optional;

import com.stripe.model.Refund;
import com.stripe.param.RefundCreateParams;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.RefundFailed;
import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.payment.command.StripeCommand;
import dev.ticketpay.payment.command.StripeCommandHandler;
import dev.ticketpay.payment.command.StripeCommands;
import dev.ticketpay.payment.stripe.StripeApi;
import dev.ticketpay.payment.stripe.StripeEndpoint;
import dev.ticketpay.payment.stripe.StripeRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Refunds we decide on (RefundRequested), for both channels: the request becomes a refund command in the inbox
 * transaction of the ticket event, the worker makes the refund at Stripe with the command's key, and the result
 * goes through {@link ChargeOutcomes} like a refund made in Stripe's Dashboard. A refusal is published as
 * RefundFailed: money that could not go back must reach a person, never a log line alone.
 */
@Service
public class Refunds implements StripeCommandHandler<Refund> {

    /** Stripe's code for a charge refunded already (e.g. in the Dashboard): what we wanted is done. */
    private static final String ALREADY_REFUNDED = "charge_already_refunded";

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final ChargedPayments payments;
    private final ChargeOutcomes outcomes;
    private final StripeCommands commands;
    private final StripeApi stripe;
    private final Outbox outbox;
    private final Clock clock;

    Refunds(ChargedPayments payments, ChargeOutcomes outcomes, StripeCommands commands, StripeApi stripe,
            Outbox outbox, Clock clock) {
        this.payments = payments;
        this.outcomes = outcomes;
        this.commands = commands;
        this.stripe = stripe;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Inside the inbox transaction of the request: one refund command per ticket, however often the request
     * comes. The payment's own PaymentIntent is refunded; the request's reference stands in for a payment this
     * service does not know.
     */
    public Mono<Void> request(RefundRequested request) {
        return payments.byTicket(request.ticketId()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(payment -> {
                    if (payment.isPresent() && payment.get().isRefunded()) {
                        return InTrace.run(() -> log.info("Ticket {} is refunded already; refund request ignored",
                                request.ticketId()));
                    }
                    String target = payment.map(ChargedPayment::paymentIntentId).orElse(request.paymentReference());
                    if (target == null || target.isBlank()) {
                        return InTrace.run(() -> log.error("Refund of ticket {} requested, but no payment of it is "
                                + "known", request.ticketId()))
                                .then(outbox.append(new RefundFailed(request.ticketId(), request.orderId(), "unknown",
                                        "payment_unknown", "No payment of this ticket is known to refund.",
                                        clock.instant())));
                    }
                    return commands.add(StripeCommand.of(StripeCommand.Kind.REFUND, request.ticketId(),
                            request.orderId(), target)).then();
                });
    }

    @Override
    public StripeCommand.Kind kind() {
        return StripeCommand.Kind.REFUND;
    }

    /** The whole payment, once per command whatever the attempts; empty when the charge is refunded already. */
    @Override
    public Mono<Refund> perform(StripeCommand command) {
        return paymentIntentOf(command.target()).flatMap(paymentIntent -> {
            var params = RefundCreateParams.builder()
                    .setPaymentIntent(paymentIntent)
                    .putMetadata("ticket_id", Long.toString(command.ticketId()))
                    .putMetadata("order_id", command.orderId().toString())
                    .build();
            return stripe.call(StripeEndpoint.CREATE_REFUND, "refund ticket " + command.ticketId(),
                    client -> client.v1().refunds().create(params, StripeApi.idempotent(command.idempotencyKey())));
        }).onErrorResume(StripeRefused.class, refused -> ALREADY_REFUNDED.equals(refused.code()) ? Mono.empty()
                : Mono.error(refused));
    }

    /** A Checkout Session is refunded through its PaymentIntent. */
    private Mono<String> paymentIntentOf(String target) {
        return !target.startsWith("cs_") ? Mono.just(target)
                : stripe.call(StripeEndpoint.RETRIEVE_CHECKOUT_SESSION, "retrieve checkout session " + target,
                                client -> client.v1().checkout().sessions().retrieve(target))
                        .flatMap(session -> Mono.justOrEmpty(session.getPaymentIntent()))
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                                "checkout session " + target + " has no payment to refund")));
    }

    /**
     * The payment becomes refunded with its PaymentRefunded (unless the refund's own webhook did it first). A
     * refund of a payment this service does not know is still announced, for the ticket that asked for it.
     */
    @Override
    public Mono<String> done(StripeCommand command, Refund refund) {
        if (refund == null) {
            log.info("Refund of ticket {}: Stripe says the charge is refunded already", command.ticketId());
            return Mono.empty();
        }
        return outcomes.refunded(refund.getPaymentIntent(), refund.getId(), refund.getAmount(),
                        refund.getCurrency(), null)
                .flatMap(ours -> ours ? Mono.<Void>empty()
                        : outbox.append(new PaymentRefunded(command.ticketId(), command.orderId(), refund.getId(),
                                refund.getAmount(), refund.getCurrency(), clock.instant())))
                .thenReturn(refund.getId());
    }

    @Override
    public Mono<Void> refused(StripeCommand command, StripeRefused refusal) {
        return outbox.append(new RefundFailed(command.ticketId(), command.orderId(), command.target(), refusal.code(),
                refusal.stripeMessage(), clock.instant()));
    }
}
