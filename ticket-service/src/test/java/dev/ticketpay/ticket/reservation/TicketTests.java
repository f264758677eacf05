package dev.ticketpay.ticket.reservation;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.ticketpay.ticket.catalog.Show;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.ticketpay.ticket.reservation.TicketStatus.CANCELLED;
import static dev.ticketpay.ticket.reservation.TicketStatus.DISPUTED;
import static dev.ticketpay.ticket.reservation.TicketStatus.EXPIRED;
import static dev.ticketpay.ticket.reservation.TicketStatus.PAID;
import static dev.ticketpay.ticket.reservation.TicketStatus.REFUNDED;
import static dev.ticketpay.ticket.reservation.TicketStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket's state machine on its own: every change from every state, allowed or refused with the state named. */
class TicketTests {

    private static final Show CONCERT = new Show(7, "Concert", "Hall", Instant.parse("2027-06-01T19:00:00Z"), 100, 100,
            4500, "jpy");
    private static final Show MEETUP = new Show(8, "Meetup", "Room", Instant.parse("2027-06-01T19:00:00Z"), 50, 50, 0,
            "jpy");
    private static final Instant HOLD_ENDS = Instant.parse("2027-05-01T10:30:00Z");

    /** Each change, and the states it leaves from with the state it leads to. */
    private static final Map<String, Change> CHANGES = Map.of(
            "cancel", new Change(Ticket::cancel, Map.of(RESERVED, CANCELLED)),
            "expire", new Change(Ticket::expire, Map.of(RESERVED, EXPIRED)),
            "confirmPayment", new Change(Ticket::confirmPayment, Map.of(RESERVED, PAID)),
            "reinstate", new Change(Ticket::reinstate, Map.of(CANCELLED, PAID, EXPIRED, PAID)),
            "refund", new Change(Ticket::refund, Map.of(PAID, REFUNDED, CANCELLED, REFUNDED, EXPIRED, REFUNDED,
                    DISPUTED, REFUNDED)),
            "dispute", new Change(Ticket::dispute, Map.of(PAID, DISPUTED)),
            "closeDisputeWon", new Change(ticket -> ticket.closeDispute(true), Map.of(DISPUTED, PAID)),
            "closeDisputeLost", new Change(ticket -> ticket.closeDispute(false), Map.of(DISPUTED, REFUNDED)),
            "failPayment", new Change(ticket -> ticket.failPayment("card_declined"), Map.of(RESERVED, CANCELLED)));

    record Change(UnaryOperator<Ticket> apply, Map<TicketStatus, TicketStatus> allowed) {
    }

    static Stream<Arguments> everyChangeFromEveryState() {
        return CHANGES.keySet().stream().sorted()
                .flatMap(change -> EnumSet.allOf(TicketStatus.class).stream().map(from -> Arguments.of(change, from)));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyChangeFromEveryState")
    void changesOnlyFromTheStatesThatAllowIt(String name, TicketStatus from) {
        var change = CHANGES.get(name);
        var ticket = inStatus(paidFor(CONCERT).withId(42), from);
        TicketStatus to = change.allowed().get(from);
        if (to != null) {
            var changed = change.apply().apply(ticket);
            assertThat(changed.status()).isEqualTo(to);
            assertThat(changed).usingRecursiveComparison().ignoringFields("status", "failureReason")
                    .isEqualTo(ticket);
        }
        else {
            assertThatThrownBy(() -> change.apply().apply(ticket)).isInstanceOf(WrongTicketState.class)
                    .hasMessageStartingWith("Ticket 42 is already " + from.value() + " and cannot be ");
        }
    }

    @Test
    void aFreeTicketIsPaidAtOnceAndHoldsNothing() {
        var ticket = Ticket.open(MEETUP, "alice", "alice@example.com", 2, HOLD_ENDS, "checkout");
        assertThat(ticket.status()).isEqualTo(PAID);
        assertThat(ticket.purchase().amount()).isZero();
        assertThat(ticket.expiresAt()).isNull();
        assertThat(ticket.isSettled()).isTrue();
    }

    @Test
    void aPaidEventsTicketIsHeldUntilTheHoldEndsForThePriceOfItsSeats() {
        var ticket = Ticket.open(CONCERT, "alice", "alice@example.com", 3, HOLD_ENDS, "payment_intent");
        assertThat(ticket.status()).isEqualTo(RESERVED);
        assertThat(ticket.purchase().amount()).isEqualTo(13_500);
        assertThat(ticket.purchase().currency()).isEqualTo("jpy");
        assertThat(ticket.expiresAt()).isEqualTo(HOLD_ENDS);
        assertThat(ticket.isSettled()).isFalse();
        assertThat(ticket.purchase().orderId()).isNotEqualTo(ticket.code());
    }

    @Test
    void aPaymentThatEndsAsExpiredEndsTheReservationAsExpiredAndKeepsTheReason() {
        var ticket = paidFor(CONCERT).failPayment("expired");
        assertThat(ticket.status()).isEqualTo(EXPIRED);
        assertThat(ticket.failureReason()).isEqualTo("expired");
    }

    @Test
    void aDeclinedAttemptIsRememberedAndTheSeatsStayHeld() {
        var ticket = paidFor(CONCERT).noteFailedAttempt("card_declined");
        assertThat(ticket.status()).isEqualTo(RESERVED);
        assertThat(ticket.failureReason()).isEqualTo("card_declined");
        assertThat(ticket.confirmPayment().failureReason()).as("forgotten once paid").isNull();
    }

    @Test
    void onlyItsBuyerOwnsATicket() {
        var ticket = paidFor(CONCERT);
        assertThat(ticket.isOwnedBy("alice")).isTrue();
        assertThat(ticket.isOwnedBy("bob")).isFalse();
    }

    private static Ticket inStatus(Ticket t, TicketStatus status) {
        return new Ticket(t.id(), t.code(), status, t.expiresAt(), t.failureReason(), t.purchase(), t.checkout(),
                t.qrCode());
    }

    private static Ticket paidFor(Show event) {
        return Ticket.open(event, "alice", "alice@example.com", 1, HOLD_ENDS, "checkout");
    }
}
