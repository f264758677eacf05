package dev.ticketpay.payment.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.payment.stripe.StripeApi;
import dev.ticketpay.payment.stripe.StripeEndpoint;
import dev.ticketpay.payment.stripe.StripeRefused;
import dev.ticketpay.payment.stripe.StripeSettings;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Checkout Sessions at Stripe, as this service asks for them. */
@Component
class StripeCheckoutSessions {

    /** Stripe accepts a session's expires_at between 30 minutes and 24 hours after creation. */
    private static final Duration SHORTEST = Duration.ofMinutes(30);
    private static final Duration LONGEST = Duration.ofHours(24);
    /** Keeps us clear of those bounds despite clock skew and the time the request takes. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final StripeApi stripe;
    private final StripeSettings settings;
    private final Clock clock;

    StripeCheckoutSessions(StripeApi stripe, StripeSettings settings, Clock clock) {
        this.stripe = stripe;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * When the session should expire: with the reservation, but within what Stripe allows. A hold shorter than
     * 30 minutes still gets a 30-minute session; the ticket's expiry then expires it (TicketExpired).
     */
    Instant expiryFor(Instant reservationExpiresAt) {
        Instant now = clock.instant();
        Instant earliest = now.plus(SHORTEST).plus(MARGIN);
        Instant latest = now.plus(LONGEST).minus(MARGIN);
        Instant wanted = reservationExpiresAt == null ? latest : reservationExpiresAt;
        return (wanted.isBefore(earliest) ? earliest : wanted.isAfter(latest) ? latest : wanted)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /**
     * Creates the ticket's session. The idempotency key is the order's UUID (never the ticket's sequence number,
     * which another environment sharing the Stripe account or a restored database would reuse), and every
     * parameter comes from the event and the stored checkout (expires_at included), so a retry or a redelivery
     * gets the same session back.
     */
    Mono<Session> create(TicketReserved ticket, Checkout checkout) {
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(lineItem(ticket))
                .setSuccessUrl(settings.frontendUrl() + "/payment/success?session_id={CHECKOUT_SESSION_ID}&ticket_id="
                        + ticket.ticketId())
                .setCancelUrl(settings.frontendUrl() + "/payment/cancel?ticket_id=" + ticket.ticketId())
                .setClientReferenceId(Long.toString(ticket.ticketId()))
                .putMetadata("ticket_id", Long.toString(ticket.ticketId()))
                .putMetadata("order_id", ticket.orderId().toString())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("ticket_id", Long.toString(ticket.ticketId()))
                        .putMetadata("order_id", ticket.orderId().toString())
                        .build())
                .setExpiresAt(checkout.expiresAt().getEpochSecond());
        if (ticket.email() != null && !ticket.email().isBlank()) {
            params.setCustomerEmail(ticket.email());
        }
        var request = params.build();
        return stripe.call(StripeEndpoint.CREATE_CHECKOUT_SESSION,
                "create checkout session for ticket " + ticket.ticketId(),
                client -> client.v1().checkout().sessions().create(request,
                        StripeApi.idempotent("checkout-" + ticket.orderId())));
    }

    /** One line: the event's name × quantity at the unit price; amounts are in minor units already. */
    private static SessionCreateParams.LineItem lineItem(TicketReserved ticket) {
        boolean even = ticket.quantity() > 0 && ticket.amount() % ticket.quantity() == 0;
        long quantity = even ? ticket.quantity() : 1;
        long unitAmount = even ? ticket.amount() / ticket.quantity() : ticket.amount();
        String name = even ? ticket.eventName() : ticket.eventName() + " × " + ticket.quantity();
        return SessionCreateParams.LineItem.builder()
                .setQuantity(quantity)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency(ticket.currency())
                        .setUnitAmount(unitAmount)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName(name).build())
                        .build())
                .build();
    }

    Mono<Session> retrieve(String sessionId) {
        return stripe.call(StripeEndpoint.RETRIEVE_CHECKOUT_SESSION, "retrieve checkout session " + sessionId,
                client -> client.v1().checkout().sessions().retrieve(sessionId));
    }

    /**
     * Expires an open session so it can no longer be paid. A session that is no longer open (Stripe refuses to
     * expire it) is answered as it stands, so the caller sees whether it completed or expired already.
     */
    Mono<Session> expire(String sessionId) {
        return stripe.call(StripeEndpoint.EXPIRE_CHECKOUT_SESSION, "expire checkout session " + sessionId,
                        client -> client.v1().checkout().sessions().expire(sessionId))
                .onErrorResume(StripeRefused.class, refused -> retrieve(sessionId));
    }
}
