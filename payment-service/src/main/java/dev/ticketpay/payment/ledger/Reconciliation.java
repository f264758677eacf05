package dev.ticketpay.payment.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.observability.InTrace;
import dev.ticketpay.payment.ledger.LedgerReport.Item;
import dev.ticketpay.payment.ledger.Verdict.Balanced;
import dev.ticketpay.payment.ledger.Verdict.Repair;
import dev.ticketpay.payment.ledger.Verdict.Settling;
import dev.ticketpay.payment.ledger.Verdict.Unchecked;
import dev.ticketpay.payment.ledger.Verdict.Unresolved;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The ledger's reconciliation: reads the succeeded charges of the window at Stripe, this service's payments they
 * name and ticket-service's tickets, judges each charge ({@link Verdict}), repairs what it can ({@link Repairs})
 * and reports the rest. One run at a time per database ({@link LedgerLock}). The last report is stored for every
 * instance; {@code ticketpay.ledger.unbalanced} is how many charges it left unresolved and
 * {@code ticketpay.ledger.repairs{action}} counts the repairs made.
 */
@Service
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final StripeCharges stripe;
    private final PaymentRecords payments;
    private final TicketServiceTickets tickets;
    private final Repairs repairs;
    private final LedgerReports reports;
    private final LedgerLock lock;
    private final LedgerSettings settings;
    private final MeterRegistry meters;
    private final AtomicInteger unbalanced = new AtomicInteger();
    private final Clock clock;

    Reconciliation(StripeCharges stripe, PaymentRecords payments, TicketServiceTickets tickets, Repairs repairs,
            LedgerReports reports, LedgerLock lock, LedgerSettings settings, MeterRegistry meters, Clock clock) {
        this.stripe = stripe;
        this.payments = payments;
        this.tickets = tickets;
        this.repairs = repairs;
        this.reports = reports;
        this.lock = lock;
        this.settings = settings;
        this.meters = meters;
        Gauge.builder("ticketpay.ledger.unbalanced", unbalanced, AtomicInteger::get)
                .description("Succeeded Stripe charges the last reconciliation left neither a paid ticket with its"
                        + " QR code nor a full refund")
                .register(meters);
        this.clock = clock;
    }

    /**
     * Runs now for an admin, whose token reads ticket-service; answers the report. 409 while another run is under
     * way (on any instance).
     */
    public Mono<Map<String, Object>> runFor(String admin, String bearerToken) {
        return run("admin:" + admin, Optional.of(bearerToken))
                .map(LedgerReport::toJson);
    }

    /** The last report, whichever instance made it. */
    public Mono<Map<String, Object>> latest() {
        return reports.latest();
    }

    /** A timer run: with the ledger's own token if it has credentials. Skips quietly while another run is on. */
    Mono<Void> runOnTimer(ServiceToken token) {
        return token.get().map(Optional::of)
                .onErrorResume(e -> {
                    log.warn("The ledger could not get its token for ticket-service: {}", e.toString());
                    return Mono.just(Optional.empty());
                })
                .defaultIfEmpty(Optional.empty())
                .flatMap(bearer -> run("timer", bearer))
                .onErrorResume(LedgerBusy.class, busy -> Mono.empty())
                .then(refreshGauge());
    }

    /** The gauge follows the stored report, so every instance shows the newest run, not only its own. */
    Mono<Void> refreshGauge() {
        return reports.lastUnresolved().doOnNext(unbalanced::set).then();
    }

    private Mono<LedgerReport> run(String trigger, Optional<String> bearer) {
        return lock.exclusively(Mono.defer(() -> reconcile(trigger, bearer)))
                .flatMap(report -> reports.save(report).thenReturn(report))
                .handle(InTrace.peek(this::publish));
    }

    private Mono<LedgerReport> reconcile(String trigger, Optional<String> bearer) {
        Instant started = clock.instant();
        Instant from = started.minus(settings.lookback());
        return stripe.since(from).flatMap(window -> {
            List<StripeCharge> ours = window.charges().stream().filter(StripeCharge::isOurs).toList();
            var intents = new LinkedHashSet<String>();
            var ticketIds = new LinkedHashSet<Long>();
            ours.forEach(charge -> {
                if (charge.paymentIntentId() != null) {
                    intents.add(charge.paymentIntentId());
                }
                ticketIds.add(charge.ticketId());
            });
            return payments.of(intents, ticketIds).collectList()
                    .flatMap(records -> standings(ticketIds, bearer).flatMap(standings -> judge(trigger, started,
                            from, window, ours, records, standings)));
        });
    }

    /** The tickets' standings, or why they could not be read (the report says so; nothing is judged on them). */
    private record Standings(Map<Long, TicketStanding> byTicket, String note) {

        boolean checked() {
            return note == null;
        }
    }

    private Mono<Standings> standings(Set<Long> ticketIds, Optional<String> bearer) {
        if (bearer.isEmpty()) {
            return Mono.just(new Standings(Map.of(), "not checked: no service credentials (LEDGER_TOKEN_URI)"));
        }
        if (ticketIds.isEmpty()) {
            return Mono.just(new Standings(Map.of(), null));
        }
        return tickets.of(ticketIds, bearer.get()).map(found -> new Standings(found, null))
                .onErrorResume(e -> {
                    log.warn("The ledger could not read tickets from ticket-service: {}", e.toString());
                    return Mono.just(new Standings(Map.of(), "not checked: ticket-service did not answer ("
                            + e.getClass().getSimpleName() + ")"));
                });
    }

    private Mono<LedgerReport> judge(String trigger, Instant started, Instant from, StripeCharges.Window window,
            List<StripeCharge> ours, List<PaymentRecord> records, Standings standings) {
        var byIntent = new HashMap<String, PaymentRecord>();
        var byTicket = new HashMap<Long, PaymentRecord>();
        records.forEach(record -> {
            if (record.paymentIntentId() != null) {
                byIntent.put(record.paymentIntentId(), record);
            }
            byTicket.putIfAbsent(record.ticketId(), record);
        });
        Instant settledBefore = started.minus(settings.settle());
        var tally = new Tally();
        return Flux.fromIterable(ours).concatMap(charge -> {
            PaymentRecord payment = byIntent.getOrDefault(charge.paymentIntentId(), ownPayment(byTicket, charge));
            Verdict verdict = Verdict.of(charge, payment, standings.byTicket().get(charge.ticketId()),
                    standings.checked(), settledBefore);
            return verdict instanceof Repair repair ? repair(repair, charge, payment, tally) : tally.count(verdict,
                    charge);
        }).then(Mono.fromSupplier(() -> new LedgerReport(trigger, started, clock.instant(), from, started,
                standings.checked(), standings.note(), window.truncated(), ours.size(), tally.paid, tally.refunds,
                tally.disputed, tally.settling, tally.unchecked, window.charges().size() - ours.size(),
                List.copyOf(tally.repaired), List.copyOf(tally.unresolved))));
    }

    /** A payment found by the charge's ticket must not be one that records another PaymentIntent. */
    private static PaymentRecord ownPayment(Map<Long, PaymentRecord> byTicket, StripeCharge charge) {
        PaymentRecord payment = byTicket.get(charge.ticketId());
        return payment != null && (payment.paymentIntentId() == null
                || payment.paymentIntentId().equals(charge.paymentIntentId())) ? payment : null;
    }

    private Mono<Void> repair(Repair repair, StripeCharge charge, PaymentRecord payment, Tally tally) {
        return repairs.perform(repair.action(), charge, payment)
                .onErrorResume(e -> InTrace.run(() -> {
                    log.warn("Ledger repair {} of charge {} (ticket {}) failed: {}", repair.action().word,
                            charge.id(), charge.ticketId(), e.toString());
                    tally.unresolved.add(item(charge, "repair_failed",
                            repair.action().word + " failed: " + e.getMessage()));
                }))
                .handle(InTrace.peek(changed -> {
                    if (changed) {
                        log.info("Ledger repaired charge {} of ticket {}: {}", charge.id(), charge.ticketId(),
                                repair.action().word);
                        meters.counter("ticketpay.ledger.repairs", "action", repair.action().word).increment();
                        tally.repaired.add(item(charge, repair.action().word, null));
                    }
                    else {
                        // a webhook or another path got there between our reads and the repair
                        tally.settling++;
                    }
                }))
                .then();
    }

    private void publish(LedgerReport report) {
        unbalanced.set(report.unbalanced());
        if (report.balanced()) {
            log.info("Ledger balanced: {} charges ({} not ours), {} paid tickets, {} refunds, {} disputed, {} settling,"
                    + " {} unchecked, {} repaired", report.charges(), report.notOurs(), report.paidTickets(),
                    report.refunds(), report.disputed(), report.settling(), report.unchecked(),
                    report.repaired().size());
        }
        else {
            log.warn("Ledger out of balance: {} of {} charges unresolved ({} repaired): {}", report.unbalanced(),
                    report.charges(), report.repaired().size(), report.unresolved());
        }
    }

    private static Item item(StripeCharge charge, String what, String detail) {
        return new Item(charge.id(), charge.paymentIntentId(), charge.ticketId(), what, detail);
    }

    /** Counts of one run; touched by one charge at a time (concatMap). */
    private static final class Tally {

        int paid;
        int refunds;
        int disputed;
        int settling;
        int unchecked;
        final List<Item> repaired = new ArrayList<>();
        final List<Item> unresolved = new ArrayList<>();

        Mono<Void> count(Verdict verdict, StripeCharge charge) {
            switch (verdict) {
                case Balanced balanced -> {
                    switch (balanced.ending()) {
                        case PAID_TICKET -> paid++;
                        case REFUND -> refunds++;
                        case DISPUTE -> disputed++;
                    }
                }
                case Settling settlingNow -> settling++;
                case Unchecked uncheckedNow -> unchecked++;
                case Unresolved open -> unresolved.add(item(charge, open.reason(), open.detail()));
                case Repair repair -> throw new IllegalArgumentException("repairs are not counted here");
            }
            return Mono.empty();
        }
    }
}
