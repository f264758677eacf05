package dev.ticketpay.payment.ledger;

import java.time.Instant;

import dev.ticketpay.payment.ledger.PaymentRecord.Standing;

/**
 * What the ledger makes of one succeeded charge, from the three sides: Stripe, this service's payment and
 * ticket-service's ticket. A pure decision, so every case is a plain unit test; {@link Reconciliation} acts on it.
 */
sealed interface Verdict {

    /** Ended as it should: a paid ticket with its QR code, a full refund, or a paid ticket under dispute. */
    record Balanced(Ending ending) implements Verdict {
    }

    /** Changed too recently to judge (webhooks and events take a moment), or a refund command is on its way. */
    record Settling(String why) implements Verdict {
    }

    /** The payment side is right, but ticket-service could not be asked. */
    record Unchecked() implements Verdict {
    }

    /** Out of balance, and one of the existing idempotent paths can put it right. */
    record Repair(Action action) implements Verdict {
    }

    /** Out of balance, and a person has to look: {@code reason} is a stable word for dashboards. */
    record Unresolved(String reason, String detail) implements Verdict {
    }

    enum Ending {
        PAID_TICKET, REFUND, DISPUTE
    }

    enum Action {
        /** Stripe took the money but our payment is not succeeded: the webhook's own outcome path, again. */
        REAPPLY_SUCCESS("reapplied_payment_outcome"),
        /** Stripe refunded the charge in full but our payment is still succeeded: the charge.refunded path. */
        RECORD_REFUND("recorded_refund"),
        /** Our payment succeeded but the ticket never heard (e.g. its PaymentSucceeded was dead-lettered). */
        REPUBLISH_SUCCEEDED("republished_payment_succeeded"),
        /** Our payment was refunded but the ticket still counts as paid. */
        REPUBLISH_REFUNDED("republished_payment_refunded");

        final String word;

        Action(String word) {
            this.word = word;
        }
    }

    /**
     * {@code payment} null: no payment of ours names the charge; {@code ticket} null: unknown to ticket-service
     * (or not asked, when {@code ticketsChecked} is false). Charges or payments changed after {@code settledBefore}
     * are left to the saga.
     */
    static Verdict of(StripeCharge charge, PaymentRecord payment, TicketStanding ticket, boolean ticketsChecked,
            Instant settledBefore) {
        if (charge.changedAt().isAfter(settledBefore)
                || payment != null && payment.updatedAt() != null && payment.updatedAt().isAfter(settledBefore)) {
            return new Settling("changed_recently");
        }
        if (payment == null) {
            return new Unresolved("payment_not_recorded",
                    "Stripe charged for ticket " + charge.ticketId() + ", but no payment of it is recorded here.");
        }
        return charge.fullyRefunded() ? refunded(payment, ticket, ticketsChecked)
                : kept(payment, ticket, ticketsChecked);
    }

    /** All the money went back at Stripe: the payment and the ticket must say refunded. */
    private static Verdict refunded(PaymentRecord payment, TicketStanding ticket, boolean ticketsChecked) {
        if (payment.standing() == Standing.SUCCEEDED) {
            return new Repair(Action.RECORD_REFUND);
        }
        if (!ticketsChecked) {
            return new Unchecked();
        }
        if (ticket != null && (ticket.isPaid() || ticket.isDisputed())) {
            return payment.standing() == Standing.REFUNDED ? new Repair(Action.REPUBLISH_REFUNDED)
                    : new Unresolved("refunded_charge_ticket_paid", "The charge was refunded before its payment was"
                            + " recorded, yet the ticket is " + ticket.status() + ".");
        }
        // refunded, or never paid (reserved, cancelled, expired): the buyer has the money back and no seat
        return new Balanced(Ending.REFUND);
    }

    /** The money stays with us: the payment must say succeeded and the ticket paid with its QR code. */
    private static Verdict kept(PaymentRecord payment, TicketStanding ticket, boolean ticketsChecked) {
        switch (payment.standing()) {
            case UNPAID -> {
                return new Repair(Action.REAPPLY_SUCCESS);
            }
            case REFUNDED -> {
                return payment.refundPending() ? new Settling("refund_pending")
                        : new Unresolved("refund_missing_at_stripe",
                                "The payment is recorded refunded, but Stripe has not refunded the charge in full.");
            }
            case SUCCEEDED -> {
                // below
            }
        }
        if (payment.refundPending()) {
            return new Settling("refund_pending");
        }
        if ("lost".equals(payment.disputeStatus())) {
            return ticket == null || ticket.isRefunded() || !ticketsChecked ? new Balanced(Ending.REFUND)
                    : new Unresolved("dispute_lost_ticket_" + ticket.status(),
                            "The dispute was lost (the money went back), but the ticket is " + ticket.status() + ".");
        }
        if (!ticketsChecked) {
            return new Unchecked();
        }
        if (ticket == null) {
            return new Unresolved("ticket_unknown", "ticket-service does not know the ticket.");
        }
        if (ticket.isPaid()) {
            return ticket.qrIssued() ? new Balanced(Ending.PAID_TICKET)
                    : new Unresolved("qr_code_missing", "The ticket is paid but its QR code was never issued.");
        }
        if (ticket.isDisputed()) {
            return new Balanced(Ending.DISPUTE);
        }
        if (ticket.awaitsPayment()) {
            return new Repair(Action.REPUBLISH_SUCCEEDED);
        }
        return new Unresolved("ticket_" + ticket.status() + "_charge_kept",
                "The ticket is " + ticket.status() + ", but Stripe has not refunded the charge.");
    }
}
