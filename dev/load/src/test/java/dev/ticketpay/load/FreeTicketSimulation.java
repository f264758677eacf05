package dev.ticketpay.load;

/** Free tickets until their QR code is answered (issue 11, goal 1: ≤ 15 ms CPU each). */
public class FreeTicketSimulation extends PurchaseSimulation {

    public FreeTicketSimulation() {
        super("free", "free ticket with its QR code", 0, "\"qr_code_data\"");
    }
}
