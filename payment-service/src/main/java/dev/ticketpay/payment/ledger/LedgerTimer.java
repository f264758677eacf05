package dev.ticketpay.payment.ledger;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reconciles every {@code LEDGER_INTERVAL} on every instance (the lock lets one run at a time; the others only
 * refresh their gauge from the stored report). Its own small loop: a failed run is logged and the next tick comes
 * as usual, it never dies on an error. Zero turns it off; the admin endpoint still runs it on demand.
 */
@Component
class LedgerTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerTimer.class);

    private final Reconciliation reconciliation;
    private final ServiceToken token;
    private final LedgerSettings settings;
    private volatile Disposable running;

    LedgerTimer(Reconciliation reconciliation, ServiceToken token, LedgerSettings settings) {
        this.reconciliation = reconciliation;
        this.token = token;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (!settings.runsPeriodically()) {
            running = reconciliation.refreshGauge().onErrorComplete().subscribe();
            return;
        }
        if (!settings.hasServiceCredentials()) {
            log.info("The ledger's timer runs without service credentials (LEDGER_TOKEN_URI): it compares Stripe"
                    + " with payments only; an admin's POST /internal/ledger/reconcile also reads tickets");
        }
        // the first run waits a little so a fresh start does not compete with the saga catching up
        running = Flux.interval(Duration.ofMinutes(1).compareTo(settings.interval()) < 0 ? Duration.ofMinutes(1)
                        : settings.interval(), settings.interval())
                .onBackpressureDrop()
                .concatMap(tick -> reconciliation.runOnTimer(token).onErrorResume(e -> {
                    log.warn("The ledger's reconciliation failed, will try again in {}: {}", settings.interval(),
                            e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
