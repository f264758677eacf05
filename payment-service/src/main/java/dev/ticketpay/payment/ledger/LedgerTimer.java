package dev.ticketpay.payment.ledger;

import java.time.Duration;

import dev.ticketpay.payment.DrainingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reconciles every {@code LEDGER_INTERVAL} on every instance, on the background workers' loop (a failed run is
 * logged and the next tick comes as usual). The lock lets one run at a time; the others only refresh their gauge
 * from the stored report. Zero turns it off; the admin endpoint still runs it on demand.
 */
@Component
class LedgerTimer extends DrainingWorker {

    private static final Logger log = LoggerFactory.getLogger(LedgerTimer.class);

    private final Reconciliation reconciliation;
    private final ServiceToken token;
    private final LedgerSettings settings;

    LedgerTimer(Reconciliation reconciliation, ServiceToken token, LedgerSettings settings) {
        super("the ledger's reconciliation", settings.runsPeriodically() ? settings.interval()
                : Duration.ofDays(1));
        this.reconciliation = reconciliation;
        this.token = token;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.runsPeriodically()) {
            reconciliation.refreshGauge().onErrorComplete().subscribe();
            return;
        }
        if (!settings.hasServiceCredentials()) {
            log.info("The ledger's timer has no service credentials (LEDGER_TOKEN_URI): it compares Stripe with the"
                    + " payments only; an admin's POST /internal/ledger/reconcile reads tickets too");
        }
        super.start();
    }

    /** One reconciliation per tick. */
    @Override
    protected Mono<Boolean> processNext() {
        return reconciliation.runOnTimer(token).thenReturn(false);
    }
}
