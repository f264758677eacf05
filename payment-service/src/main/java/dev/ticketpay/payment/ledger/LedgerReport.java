package dev.ticketpay.payment.ledger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reconciliation found in its window: how the succeeded charges ended (a paid ticket with its QR code, a
 * refund, a dispute under way, still settling), what it repaired and what it could not. Balanced when nothing is
 * unresolved. {@code ticketsChecked} is false when ticket-service could not be asked (no service credentials, or
 * it did not answer): the ticket side of those charges is then "unchecked", neither balanced nor unresolved.
 */
public record LedgerReport(String trigger, Instant startedAt, Instant finishedAt, Instant windowFrom,
        Instant windowTo, boolean ticketsChecked, String ticketsNote, boolean truncated, int charges, int paidTickets,
        int refunds, int disputed, int settling, int unchecked, int notOurs, List<Item> repaired,
        List<Item> unresolved) {

    /**
     * One charge the ledger acted on or could not settle. {@code what} is the repair made (e.g.
     * {@code republished_payment_succeeded}) or the reason it stays unresolved (e.g. {@code qr_code_missing}).
     */
    public record Item(String chargeId, String paymentIntentId, Long ticketId, String what, String detail) {

        Map<String, Object> toJson(String label) {
            var json = new LinkedHashMap<String, Object>();
            json.put("charge", chargeId);
            json.put("payment_intent", paymentIntentId);
            json.put("ticket_id", ticketId);
            json.put(label, what);
            json.put("detail", detail);
            return json;
        }
    }

    /** At most this many items of each list are shown; the counts are always complete. */
    static final int MAX_ITEMS = 200;

    public int unbalanced() {
        return unresolved.size();
    }

    public boolean balanced() {
        return unresolved.isEmpty();
    }

    /** The report as {@code GET /internal/ledger} answers it, in snake_case. */
    public Map<String, Object> toJson() {
        var counts = new LinkedHashMap<String, Object>();
        counts.put("charges", charges);
        counts.put("paid_tickets", paidTickets);
        counts.put("refunds", refunds);
        counts.put("disputed", disputed);
        counts.put("settling", settling);
        counts.put("unchecked", unchecked);
        counts.put("not_ours", notOurs);
        counts.put("repaired", repaired.size());
        counts.put("unresolved", unresolved.size());
        var window = new LinkedHashMap<String, Object>();
        window.put("from", windowFrom.toString());
        window.put("to", windowTo.toString());
        var json = new LinkedHashMap<String, Object>();
        json.put("ran_at", finishedAt.toString());
        json.put("started_at", startedAt.toString());
        json.put("trigger", trigger);
        json.put("window", window);
        json.put("balanced", balanced());
        json.put("tickets_checked", ticketsChecked);
        if (ticketsNote != null) {
            json.put("tickets_note", ticketsNote);
        }
        json.put("truncated", truncated);
        json.put("counts", counts);
        json.put("repaired", repaired.stream().limit(MAX_ITEMS).map(item -> item.toJson("action")).toList());
        json.put("unresolved", unresolved.stream().limit(MAX_ITEMS).map(item -> item.toJson("reason")).toList());
        return json;
    }
}
