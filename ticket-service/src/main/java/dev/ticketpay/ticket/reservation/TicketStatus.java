package dev.ticketpay.ticket.reservation;

/** Where a ticket is in its life: {@code reserved → paid | cancelled | expired}; {@code paid → refunded}. */
public enum TicketStatus {
    RESERVED, PAID, CANCELLED, EXPIRED, REFUNDED;

    public String value() {
        return name().toLowerCase();
    }

    static TicketStatus of(String value) {
        return valueOf(value.toUpperCase());
    }
}
