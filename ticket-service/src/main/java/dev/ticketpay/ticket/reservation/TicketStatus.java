package dev.ticketpay.ticket.reservation;

/**
 * Where a ticket is in its life: {@code reserved → paid | cancelled | expired}; {@code paid → refunded};
 * {@code paid → disputed → paid (dispute won) | refunded (dispute lost)}.
 */
public enum TicketStatus {
    RESERVED, PAID, CANCELLED, EXPIRED, REFUNDED, DISPUTED;

    public String value() {
        return name().toLowerCase();
    }

    static TicketStatus of(String value) {
        return valueOf(value.toUpperCase());
    }
}
