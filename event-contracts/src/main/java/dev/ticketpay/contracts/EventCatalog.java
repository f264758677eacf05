package dev.ticketpay.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event with its CloudEvents {@code type} and its topic. The type travels in the {@code ce_type}
 * header; it is a stable name, never a Java class name, so subscribers in any language can rely on it.
 */
public final class EventCatalog {

    /** One kind of event: its type name, the topic it is published on and the record that carries it. */
    public record Entry(String type, String topic, Class<? extends TicketEvent> javaType) {

        /** The JSON Schema of this event's body, as a class path resource name for {@link ClassLoader#getResource}. */
        public String schemaResource() {
            return "schemas/" + type + ".json";
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("ticketpay.ticket.reserved.v1", Topics.TICKETS, TicketReserved.class),
            new Entry("ticketpay.ticket.confirmed.v1", Topics.TICKETS, TicketConfirmed.class),
            new Entry("ticketpay.ticket.cancelled.v1", Topics.TICKETS, TicketCancelled.class),
            new Entry("ticketpay.ticket.expired.v1", Topics.TICKETS, TicketExpired.class),
            new Entry("ticketpay.ticket.refund-requested.v1", Topics.TICKETS, RefundRequested.class),
            new Entry("ticketpay.payment.checkout-session-created.v1", Topics.PAYMENTS, CheckoutSessionCreated.class),
            new Entry("ticketpay.payment.payment-intent-created.v1", Topics.PAYMENTS, PaymentIntentCreated.class),
            new Entry("ticketpay.payment.succeeded.v1", Topics.PAYMENTS, PaymentSucceeded.class),
            new Entry("ticketpay.payment.failed.v1", Topics.PAYMENTS, PaymentFailed.class),
            new Entry("ticketpay.payment.cancelled.v1", Topics.PAYMENTS, PaymentCancelled.class),
            new Entry("ticketpay.payment.refunded.v1", Topics.PAYMENTS, PaymentRefunded.class),
            new Entry("ticketpay.payment.refund-failed.v1", Topics.PAYMENTS, RefundFailed.class),
            new Entry("ticketpay.payment.disputed.v1", Topics.PAYMENTS, PaymentDisputed.class),
            new Entry("ticketpay.payment.dispute-closed.v1", Topics.PAYMENTS, PaymentDisputeClosed.class),
            new Entry("ticketpay.qr-code.issued.v1", Topics.QR_CODES, QrCodeIssued.class));

    private static final Map<String, Entry> BY_TYPE = ENTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(Entry::type, Function.identity()));
    private static final Map<Class<?>, Entry> BY_CLASS = ENTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(Entry::javaType, Function.identity()));

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static Optional<Entry> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Entry of(TicketEvent event) {
        return of(event.getClass());
    }

    public static Entry of(Class<? extends TicketEvent> eventClass) {
        Entry entry = BY_CLASS.get(eventClass);
        if (entry == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is not in the event catalog");
        }
        return entry;
    }

    private EventCatalog() {
    }
}
