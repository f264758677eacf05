package dev.ticketpay.payment.ledger.web;

import java.util.Map;

import dev.ticketpay.web.ApiException;
import dev.ticketpay.payment.ledger.Reconciliation;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger for operators (role {@code admin}; on the service's own port, never routed by the gateway):
 * {@code GET /internal/ledger} answers the last report, {@code POST /internal/ledger/reconcile} runs one now, with
 * the admin's token relayed to ticket-service, and answers its report.
 */
@RestController
class LedgerController {

    private final Reconciliation reconciliation;

    LedgerController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/internal/ledger")
    Mono<Map<String, Object>> latest() {
        return reconciliation.latest().switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND,
                "No reconciliation has run yet; POST /internal/ledger/reconcile runs one.")));
    }

    @PostMapping("/internal/ledger/reconcile")
    Mono<Map<String, Object>> reconcile(JwtAuthenticationToken admin) {
        return reconciliation.runFor(admin.getToken().getSubject(), admin.getToken().getTokenValue());
    }
}
