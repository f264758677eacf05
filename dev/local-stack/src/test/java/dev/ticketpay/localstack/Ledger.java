package dev.ticketpay.localstack;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionListParams;
import dev.ticketpay.sandbox.stripe.WebhookDelivery;

/**
 * The money ledger of one scenario, read from both sides: Stripe (the sandbox's checkout sessions, their
 * PaymentIntents and charges, refunds included) and ours (ticket-service's tickets and events, qr-service's QR
 * codes). Every succeeded charge must end as exactly one of a paid ticket with its QR code or a full refund;
 * no ticket code twice; sold + held (+ disputed, which keep their seats) within capacity.
 */
final class Ledger {

    private final FaultStack faults;
    private final StripeClient stripe;

    Ledger(FaultStack faults) {
        this.faults = faults;
        this.stripe = faults.stripe();
    }

    /**
     * What one scenario leaves behind.
     *
     * @param purchases purchases attempted (reservations asked for)
     * @param charges succeeded charges at Stripe for the scenario's tickets
     * @param paidTickets tickets paid on our side
     * @param refunds charges fully refunded at Stripe
     * @param disputes charges disputed at Stripe (their tickets may not stay paid)
     * @param duplicates deliveries of an event its receiver had already had: webhook deliveries answered 2xx beyond
     *        the first of their Stripe event, plus Kafka records of the scenario's tickets whose CloudEvents id had
     *        been on the topic before (a relay's republish)
     * @param oversold seats sold or held beyond capacity, summed over the scenario's events
     * @param deadLetters records added to the dead-letter topics during the scenario
     * @param recovery from the end of the fault until every expected outcome held
     * @param violations every break of the invariant, in words
     */
    record Figures(int purchases, int charges, int paidTickets, int refunds, int disputes, long duplicates,
            int oversold, long deadLetters, Duration recovery, List<String> violations) {

        String line(String scenario) {
            return String.format("%s | purchases %d | charges %d | paid tickets %d | refunds %d | disputes %d"
                    + " | duplicates absorbed %d | oversold seats %d | dead letters %d | recovered in %.1f s", scenario,
                    purchases, charges, paidTickets, refunds, disputes, duplicates, oversold, deadLetters,
                    recovery.toMillis() / 1000.0);
        }
    }

    /** Reads both sides for the tickets of {@code events}. */
    Figures figures(Set<Long> events, int purchases, Instant since, long deadLettersBefore, Duration recovery) {
        var violations = new ArrayList<String>();
        Long[] eventIds = events.toArray(Long[]::new);
        var tickets = faults.query("tickets",
                "select id, event_id, status, quantity, amount, ticket_code::text as code, checkout_session_id"
                        + " from tickets where event_id = any(?)", (Object) eventIds);
        var ticketsById = new HashMap<Long, Map<String, Object>>();
        tickets.forEach(row -> ticketsById.put(((Number) row.get("id")).longValue(), row));
        var qrCodes = faults.query("qrcodes", "select ticket_id, ticket_code from qr_codes where event_id = any(?)",
                (Object) eventIds);
        var qrByTicket = new HashMap<Long, String>();
        qrCodes.forEach(row -> qrByTicket.put(((Number) row.get("ticket_id")).longValue(),
                String.valueOf(row.get("ticket_code"))));

        int charges = 0;
        int refunds = 0;
        int disputes = 0;
        int paidTickets = 0;
        var charged = new HashSet<Long>();
        var sessions = sessionsOf(ticketsById.keySet());
        sessions.stream().collect(Collectors.groupingBy(Ledger::ticketOf, Collectors.counting()))
                .forEach((ticketId, count) -> {
                    if (count > 1) {
                        // one reservation, one session: a second one could take the buyer's money twice
                        violations.add("ticket " + ticketId + " has " + count + " checkout sessions at Stripe");
                    }
                });
        for (Session session : sessions) {
            long ticketId = ticketOf(session);
            Charge charge = session.getPaymentIntentObject() == null ? null
                    : session.getPaymentIntentObject().getLatestChargeObject();
            if (charge == null || !"succeeded".equals(charge.getStatus())) {
                continue;
            }
            charges++;
            if (!charged.add(ticketId)) {
                violations.add("ticket " + ticketId + " was charged twice (session " + session.getId() + ")");
            }
            boolean refunded = charge.getAmountRefunded() >= charge.getAmount();
            if (charge.getAmountRefunded() > 0 && !refunded) {
                violations.add("ticket " + ticketId + " has a partial refund of " + charge.getAmountRefunded());
            }
            var ticket = ticketsById.get(ticketId);
            boolean paid = ticket != null && "paid".equals(ticket.get("status"));
            if (Boolean.TRUE.equals(charge.getDisputed())) {
                // the money is contested: neither a ticket that still admits nor a refund of ours
                disputes++;
                if (paid) {
                    violations.add("ticket " + ticketId + " is still paid although its charge is disputed");
                }
                continue;
            }
            if (refunded) {
                refunds++;
            }
            if (paid && refunded) {
                violations.add("ticket " + ticketId + " is paid and its charge refunded too");
            }
            else if (!paid && !refunded) {
                violations.add("ticket " + ticketId + " was charged (" + charge.getId() + ") but is "
                        + (ticket == null ? "unknown" : ticket.get("status")) + " and not refunded");
            }
        }
        var codes = new HashMap<String, Long>();
        var eventsWithTickets = new HashMap<Long, Integer>();
        for (var ticket : tickets) {
            long id = ((Number) ticket.get("id")).longValue();
            String code = (String) ticket.get("code");
            Long other = codes.put(code, id);
            if (other != null) {
                violations.add("ticket code " + code + " issued twice: tickets " + other + " and " + id);
            }
            String status = (String) ticket.get("status");
            if ("paid".equals(status)) {
                paidTickets++;
                boolean free = ((Number) ticket.get("amount")).longValue() == 0;
                if (!free && !charged.contains(id)) {
                    violations.add("ticket " + id + " is paid but Stripe has no succeeded charge for it");
                }
                if (!code.equals(qrByTicket.get(id))) {
                    violations.add("paid ticket " + id + " has " + (qrByTicket.containsKey(id)
                            ? "a QR code for another code: " + qrByTicket.get(id) : "no QR code"));
                }
            }
            // a disputed ticket keeps its seats while the dispute runs (docs/decisions.md)
            if ("paid".equals(status) || "reserved".equals(status) || "disputed".equals(status)) {
                eventsWithTickets.merge(((Number) ticket.get("event_id")).longValue(),
                        ((Number) ticket.get("quantity")).intValue(), Integer::sum);
            }
        }
        if (qrCodes.stream().map(row -> row.get("ticket_code")).distinct().count() != qrCodes.size()) {
            violations.add("a QR code was issued twice for one ticket code");
        }
        int oversold = 0;
        for (var event : faults.query("tickets", "select id, capacity, available from events where id = any(?)",
                (Object) eventIds)) {
            long id = ((Number) event.get("id")).longValue();
            int capacity = ((Number) event.get("capacity")).intValue();
            int taken = eventsWithTickets.getOrDefault(id, 0);
            if (taken > capacity) {
                oversold += taken - capacity;
                violations.add("event " + id + " has " + taken + " seats sold or held for a capacity of " + capacity);
            }
            int available = ((Number) event.get("available")).intValue();
            if (available != capacity - taken) {
                violations.add("event " + id + " shows " + available + " seats available, but " + (capacity - taken)
                        + " are neither sold nor held");
            }
        }
        long deadLetters = faults.deadLetters() - deadLettersBefore;
        var seen = new HashSet<String>();
        long duplicateRecords = faults.eventsOf(ticketsById.keySet()).stream()
                .filter(event -> !seen.add(event.topic() + " " + event.id())).count();
        return new Figures(purchases, charges, paidTickets, refunds, disputes,
                duplicateDeliveries(since) + duplicateRecords, oversold, deadLetters, recovery, violations);
    }

    private static long ticketOf(Session session) {
        return Long.parseLong(session.getMetadata().get("ticket_id"));
    }

    /** Every checkout session at Stripe for these tickets (by its {@code ticket_id} metadata). */
    List<Session> sessionsOf(Set<Long> tickets) {
        var params = SessionListParams.builder().setLimit(100L).addExpand("data.payment_intent")
                .addExpand("data.payment_intent.latest_charge").build();
        var found = new ArrayList<Session>();
        try {
            for (Session session : stripe.v1().checkout().sessions().list(params).autoPagingIterable()) {
                String ticket = session.getMetadata() == null ? null : session.getMetadata().get("ticket_id");
                if (ticket != null && tickets.contains(Long.parseLong(ticket))) {
                    found.add(session);
                }
            }
        }
        catch (StripeException e) {
            throw new IllegalStateException("Could not list the sandbox's checkout sessions", e);
        }
        return found;
    }

    /** Webhook deliveries since {@code since} that a receiver answered 2xx although it had answered 2xx before. */
    private long duplicateDeliveries(Instant since) {
        Map<String, Long> answered = faults.stack().sandbox().deliveries().stream()
                .filter(delivery -> !delivery.attemptedAt().isBefore(since) && delivery.succeeded())
                .collect(Collectors.groupingBy(WebhookDelivery::eventId, Collectors.counting()));
        return answered.values().stream().mapToLong(count -> count - 1).sum();
    }

    /** The text of a base64 PNG QR code. */
    static String decodeQr(String pngBase64) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(pngBase64)));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
    }

    /** The claims ({@code c} code, {@code t} ticket, …) of a {@code TP1.<claims>.<signature>} payload. */
    static tools.jackson.databind.JsonNode claims(String payload) {
        String[] parts = payload.split("\\.");
        return RunningStack.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
