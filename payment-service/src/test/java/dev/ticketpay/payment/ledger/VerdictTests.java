package dev.ticketpay.payment.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.payment.ledger.PaymentRecord.Channel;
import dev.ticketpay.payment.ledger.PaymentRecord.Standing;
import dev.ticketpay.payment.ledger.Verdict.Action;
import dev.ticketpay.payment.ledger.Verdict.Balanced;
import dev.ticketpay.payment.ledger.Verdict.Ending;
import dev.ticketpay.payment.ledger.Verdict.Repair;
import dev.ticketpay.payment.ledger.Verdict.Settling;
import dev.ticketpay.payment.ledger.Verdict.Unchecked;
import dev.ticketpay.payment.ledger.Verdict.Unresolved;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way a succeeded charge can end, or fail to, and what the ledger makes of it. */
class VerdictTests {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    static final Instant SETTLED_BEFORE = NOW.minus(Duration.ofMinutes(5));
    static final Instant EARLIER = NOW.minus(Duration.ofHours(1));

    @Test
    void aPaidTicketWithItsQrCodeBalancesAKeptCharge() {
        assertThat(verdict(kept(), payment(Standing.SUCCEEDED), ticket("paid", true)))
                .isEqualTo(new Balanced(Ending.PAID_TICKET));
    }

    @Test
    void aPaidTicketWithoutItsQrCodeIsUnresolved() {
        assertUnresolved(verdict(kept(), payment(Standing.SUCCEEDED), ticket("paid", false)), "qr_code_missing");
    }

    @Test
    void aKeptChargeWhosePaymentIsNotRecordedGetsItsOutcomeAgain() {
        assertThat(verdict(kept(), payment(Standing.UNPAID), null)).isEqualTo(new Repair(Action.REAPPLY_SUCCESS));
    }

    @ParameterizedTest(name = "a {0} ticket")
    @ValueSource(strings = {"reserved", "cancelled", "expired"})
    void aTicketThatNeverHeardOfItsPaymentGetsTheOutcomePublishedAgain(String waiting) {
        assertThat(verdict(kept(), payment(Standing.SUCCEEDED), ticket(waiting, false)))
                .isEqualTo(new Repair(Action.REPUBLISH_SUCCEEDED));
    }

    @Test
    void aRefundOnItsWayIsLeftToTheRefundCommand() {
        var refunding = new PaymentRecord(Channel.CHECKOUT, 7, UUID.randomUUID(), null, "cs_1", "pi_1",
                Standing.SUCCEEDED, null, null, EARLIER, true);
        assertThat(verdict(kept(), refunding, ticket("expired", false))).isInstanceOf(Settling.class);
    }

    @Test
    void aChargeRefundedAtStripeOnlyIsRecordedAsRefunded() {
        assertThat(verdict(refunded(), payment(Standing.SUCCEEDED), ticket("paid", true)))
                .isEqualTo(new Repair(Action.RECORD_REFUND));
    }

    @ParameterizedTest(name = "a {0} ticket")
    @ValueSource(strings = {"paid", "disputed"})
    void aRefundedPaymentWhoseTicketStillCountsAsPaidGetsTheRefundPublishedAgain(String stillCounted) {
        assertThat(verdict(refunded(), payment(Standing.REFUNDED), ticket(stillCounted, true)))
                .isEqualTo(new Repair(Action.REPUBLISH_REFUNDED));
    }

    @ParameterizedTest(name = "a {0} ticket")
    @ValueSource(strings = {"refunded", "cancelled", "expired", "reserved"})
    void aFullRefundBalancesWhateverTheTicketLeftBehind(String status) {
        assertThat(verdict(refunded(), payment(Standing.REFUNDED), ticket(status, false)))
                .isEqualTo(new Balanced(Ending.REFUND));
    }

    @Test
    void aPartialRefundLeavesTheChargeKept() {
        var partly = new StripeCharge("ch_1", "pi_1", 3000, 1000, "jpy", EARLIER, 7L, UUID.randomUUID(), false,
                "re_1", EARLIER);
        assertThat(verdict(partly, payment(Standing.SUCCEEDED), ticket("paid", true)))
                .isEqualTo(new Balanced(Ending.PAID_TICKET));
    }

    @Test
    void aRecordedRefundStripeNeverMadeIsUnresolved() {
        assertUnresolved(verdict(kept(), payment(Standing.REFUNDED), ticket("refunded", true)),
                "refund_missing_at_stripe");
    }

    @Test
    void aDisputeUnderWayBalancesAndALostOneCountsAsARefund() {
        assertThat(verdict(kept(), payment(Standing.SUCCEEDED), ticket("disputed", true)))
                .isEqualTo(new Balanced(Ending.DISPUTE));
        var lost = new PaymentRecord(Channel.PAYMENT_INTENT, 7, UUID.randomUUID(), UUID.randomUUID(), null, "pi_1",
                Standing.SUCCEEDED, null, "lost", EARLIER, false);
        assertThat(verdict(kept(), lost, ticket("refunded", true))).isEqualTo(new Balanced(Ending.REFUND));
    }

    @Test
    void aChargeWithoutAPaymentOrATicketOfOursIsUnresolved() {
        assertUnresolved(verdict(kept(), null, null), "payment_not_recorded");
        assertUnresolved(verdict(kept(), payment(Standing.SUCCEEDED), null), "ticket_unknown");
    }

    @Test
    void whatChangedRecentlyIsLeftToTheSaga() {
        var justPaid = new StripeCharge("ch_1", "pi_1", 3000, 0, "jpy", NOW.minusSeconds(10), 7L, UUID.randomUUID(),
                false, null, null);
        assertThat(verdict(justPaid, payment(Standing.UNPAID), null)).isInstanceOf(Settling.class);
        var justRecorded = new PaymentRecord(Channel.PAYMENT_INTENT, 7, UUID.randomUUID(), UUID.randomUUID(), null,
                "pi_1", Standing.SUCCEEDED, null, null, NOW.minusSeconds(10), false);
        assertThat(verdict(kept(), justRecorded, ticket("reserved", false))).isInstanceOf(Settling.class);
    }

    @Test
    void withoutTicketsTheTicketSideIsUncheckedButStripeAgainstPaymentsStillRepairs() {
        assertThat(Verdict.of(kept(), payment(Standing.SUCCEEDED), null, false, SETTLED_BEFORE))
                .isInstanceOf(Unchecked.class);
        assertThat(Verdict.of(refunded(), payment(Standing.SUCCEEDED), null, false, SETTLED_BEFORE))
                .isEqualTo(new Repair(Action.RECORD_REFUND));
    }

    /** Then: the ledger cannot settle the charge by itself and says why, for an operator to look. */
    private static void assertUnresolved(Verdict verdict, String reason) {
        assertThat(verdict).isInstanceOfSatisfying(Unresolved.class,
                open -> assertThat(open.reason()).isEqualTo(reason));
    }

    private static Verdict verdict(StripeCharge charge, PaymentRecord payment, TicketStanding ticket) {
        return Verdict.of(charge, payment, ticket, true, SETTLED_BEFORE);
    }

    private static StripeCharge kept() {
        return new StripeCharge("ch_1", "pi_1", 3000, 0, "jpy", EARLIER, 7L, UUID.randomUUID(), false, null, null);
    }

    private static StripeCharge refunded() {
        return new StripeCharge("ch_1", "pi_1", 3000, 3000, "jpy", EARLIER, 7L, UUID.randomUUID(), false, "re_1",
                EARLIER);
    }

    private static PaymentRecord payment(Standing standing) {
        return new PaymentRecord(Channel.PAYMENT_INTENT, 7, UUID.randomUUID(), UUID.randomUUID(), null, "pi_1",
                standing, standing == Standing.REFUNDED ? "re_1" : null, null, EARLIER, false);
    }

    private static TicketStanding ticket(String status, boolean qrIssued) {
        return new TicketStanding(7, status, qrIssued);
    }
}
