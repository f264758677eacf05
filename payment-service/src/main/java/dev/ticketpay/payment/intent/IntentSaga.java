package dev.ticketpay.payment.intent;

import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.payment.command.StripeCommand;
import dev.ticketpay.payment.command.StripeCommands;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The PaymentIntent side of the ticket saga, every step inside the inbox transaction of its ticket event and
 * without calling Stripe: a reservation is only remembered (the buyer asks for the intent); a cancelled or
 * expired order records the decision to cancel its intent, which the Stripe command worker carries out
 * ({@link IntentCancelling}); a confirmed one is marked paid.
 */
@Service
public class IntentSaga {

    private final Orders orders;
    private final Payments payments;
    private final StripeCommands commands;

    IntentSaga(Orders orders, Payments payments, StripeCommands commands) {
        this.orders = orders;
        this.payments = payments;
        this.commands = commands;
    }

    /** TicketReserved of an order paid through a PaymentIntent (payments API v1). */
    public Mono<Void> remember(TicketReserved ticket) {
        return ticket.paysByCheckout() ? Mono.empty() : orders.addIfAbsent(Order.of(ticket)).then();
    }

    /** TicketConfirmed. */
    public Mono<Void> confirmed(long ticketId) {
        return orders.moveTo(ticketId, Order.PAID).then();
    }

    public Mono<Void> cancelled(long ticketId) {
        return close(ticketId, Order.CANCELLED);
    }

    public Mono<Void> expired(long ticketId) {
        return close(ticketId, Order.EXPIRED);
    }

    /**
     * The order can no longer be paid. An intent that still could be is to be cancelled at Stripe; if Stripe took
     * the money first, its webhook reports the payment and ticket-service handles it as a late one. A payment
     * whose intent is still being created is cancelled here; the request creating it then has the new intent
     * cancelled (see {@link OrderPayments}). Tickets that are not such orders change nothing.
     */
    private Mono<Void> close(long ticketId, String state) {
        return orders.moveTo(ticketId, state).filter(Boolean::booleanValue)
                .flatMap(moved -> payments.lockTicket(ticketId))
                .filter(Payment::canBeCancelled)
                .flatMap(payment -> payment.hasIntent()
                        ? commands.add(StripeCommand.of(StripeCommand.Kind.CANCEL_INTENT, ticketId,
                                payment.orderId(), payment.paymentIntentId())).then()
                        : payments.save(payment.cancelled()));
    }
}
