package dev.ticketpay.load;

/** Paid reservations until the Stripe Checkout URL is answered (issue 11, goal 1: ≤ 10 ms CPU each). */
public class PaidReservationSimulation extends PurchaseSimulation {

    public PaidReservationSimulation() {
        super("paid", "paid reservation → checkout URL", 4500, "\"checkout_url\"");
    }
}
