package dev.ticketpay.payment.intent;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.stripe.model.PaymentIntent;
import dev.ticketpay.observability.InTrace;
import dev.ticketpay.payment.PaymentProviderUnavailable;
import dev.ticketpay.contracts.PaymentIntentCreated;
import dev.ticketpay.messaging.Outbox;
import dev.ticketpay.payment.PaymentStatus;
import dev.ticketpay.payment.command.StripeCommand;
import dev.ticketpay.payment.command.StripeCommands;
import dev.ticketpay.payment.stripe.StripeBusy;
import dev.ticketpay.payment.stripe.StripeRefused;
import dev.ticketpay.payment.stripe.StripeUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The payments API v1 for one order: {@link #intentFor} gives the order its one payment and PaymentIntent
 * (asking again, concurrently or after a declined card, answers the same payment), {@link #details} shows it.
 */
@Service
public class OrderPayments {

    /** A payment with the client secret of its intent, for the buyer's page to confirm it. */
    public record WithSecret(Payment payment, String clientSecret) {
    }

    private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

    private final Orders orders;
    private final Payments payments;
    private final TicketServiceOrders ticketService;
    private final StripePaymentIntents intents;
    private final IntentOutcomes outcomes;
    private final Outbox outbox;
    private final StripeCommands commands;
    private final TransactionalOperator transactions;
    private final Clock clock;
    /** Concurrent requests for one order on this instance share one Stripe call; other instances share the key. */
    private final Map<UUID, Mono<WithSecret>> inFlight = new ConcurrentHashMap<>();

    OrderPayments(Orders orders, Payments payments, TicketServiceOrders ticketService, StripePaymentIntents intents,
            IntentOutcomes outcomes, Outbox outbox, StripeCommands commands, TransactionalOperator transactions,
            Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.ticketService = ticketService;
        this.intents = intents;
        this.outcomes = outcomes;
        this.outbox = outbox;
        this.commands = commands;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** 404 unknown order, 403 not the caller's, 400 not payable, else the order's payment and its secret. */
    public Mono<WithSecret> intentFor(UUID orderId, String receiptEmail, Caller caller) {
        return order(orderId, caller)
                .filter(order -> order.isOwnedBy(caller.userId()))
                .switchIfEmpty(Mono.error(NotYours::order))
                .flatMap(order -> payments.byOrder(orderId)
                        .flatMap(existing -> existingPayment(order, existing))
                        .switchIfEmpty(Mono.defer(() -> newPayment(order, receiptEmail))));
    }

    /** 404 unknown, 403 another user's unless the caller is an admin. */
    public Mono<Payment> details(UUID paymentId, Caller caller) {
        return payments.byId(paymentId)
                .switchIfEmpty(Mono.error(() -> new PaymentNotFound(paymentId)))
                .filter(payment -> caller.admin() || payment.isOwnedBy(caller.userId()))
                .switchIfEmpty(Mono.error(NotYours::payment));
    }

    /**
     * Known from TicketReserved, or as a classic order from its Checkout Session; otherwise ticket-service is
     * asked (the request may have overtaken the event) and an intent order it answers is remembered (free ones
     * without a hold are not: {@code expires_at} is required there).
     */
    private Mono<Order> order(UUID orderId, Caller caller) {
        return orders.byId(orderId)
                .switchIfEmpty(Mono.defer(() -> orders.classic(orderId)))
                .switchIfEmpty(Mono.defer(() -> ticketService.fetch(orderId, caller.token())
                        .flatMap(order -> order.isPaidByIntent() && order.expiresAt() != null
                                ? orders.addIfAbsent(order) : Mono.just(order))));
    }

    /** The same payment again; an order cancelled or expired meanwhile is not payable any more. */
    private Mono<WithSecret> existingPayment(Order order, Payment payment) {
        if (Order.CANCELLED.equals(order.state()) || Order.EXPIRED.equals(order.state())) {
            return Mono.error(new OrderNotPayable("Order " + order.orderId() + " is " + order.state()
                    + "; only a reserved order can be paid."));
        }
        if (!payment.hasIntent()) {
            return shared(payment);
        }
        return intents.retrieve(payment.paymentIntentId())
                .onErrorResume(this::providerFailure)
                .flatMap(intent -> payment.status() != PaymentStatus.FAILED ? Mono.just(intent)
                        : transactions.transactional(outcomes.resumed(IntentSnapshot.of(intent))).thenReturn(intent))
                .flatMap(intent -> payments.byId(payment.paymentId())
                        .map(current -> new WithSecret(current, intent.getClientSecret())));
    }

    private Mono<WithSecret> newPayment(Order order, String receiptEmail) {
        return Mono.justOrEmpty(order.notPayable(clock.instant()))
                .<WithSecret>flatMap(why -> Mono.error(new OrderNotPayable(why)))
                .switchIfEmpty(Mono.defer(() -> payments.addIfAbsent(Payment.forOrder(order, receiptEmail))
                        .flatMap(payment -> payment.hasIntent() ? existingPayment(order, payment) : shared(payment))));
    }

    private Mono<WithSecret> shared(Payment payment) {
        return inFlight.computeIfAbsent(payment.orderId(), orderId -> createIntent(payment)
                .doFinally(signal -> inFlight.remove(orderId))
                .cache());
    }

    /**
     * Stripe first (outside any transaction), then the intent is recorded with its PaymentIntentCreated in one
     * transaction, once. A payment cancelled meanwhile (TicketCancelled raced the request) gets its fresh intent
     * cancelled by a Stripe command, so a Stripe outage cannot leave it payable.
     */
    private Mono<WithSecret> createIntent(Payment payment) {
        return intents.create(payment)
                .onErrorResume(this::providerFailure)
                .flatMap(intent -> transactions.transactional(payments.attachIntent(payment.paymentId(), intent.getId())
                                .flatMap(attached -> attached ? outbox.append(new PaymentIntentCreated(
                                        payment.ticketId(), payment.orderId(), payment.paymentId(), intent.getId(),
                                        payment.amount(), payment.currency())).thenReturn(true) : Mono.just(false)))
                        .then(payments.byId(payment.paymentId()))
                        .flatMap(current -> current.status() == PaymentStatus.CANCELLED
                                ? cancelLater(payment, intent.getId()).then(Mono.<WithSecret>error(
                                        new OrderNotPayable("Order " + payment.orderId() + " was cancelled.")))
                                : Mono.just(new WithSecret(current, secretOf(intent)))));
    }

    /** The fresh intent of a payment cancelled meanwhile is cancelled at Stripe by the command worker, durably. */
    private Mono<Void> cancelLater(Payment payment, String paymentIntentId) {
        return transactions.transactional(commands.add(StripeCommand.of(StripeCommand.Kind.CANCEL_INTENT,
                        payment.ticketId(), payment.orderId(), paymentIntentId)))
                .then();
    }

    private static String secretOf(PaymentIntent intent) {
        return intent.getClientSecret();
    }

    private <T> Mono<T> providerFailure(Throwable e) {
        if (e instanceof StripeRefused refused) {
            return InTrace.<T>run(() -> log.warn("Stripe refused a payment intent: {} ({})", refused.stripeMessage(),
                    refused.code())).then(Mono.error(new OrderRefusedByStripe(refused.stripeMessage())));
        }
        if (e instanceof StripeBusy busy) {
            return Mono.error(new StripeBusyForOrder(busy.retryAfter()));
        }
        if (e instanceof StripeUnavailable) {
            return Mono.error(new PaymentProviderUnavailable());
        }
        return Mono.error(e);
    }
}
