package dev.ticketpay.payment.checkout.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ticketpay.payment.checkout.SessionReconciliation;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** ticket-service's verify asks here (with the buyer's token relayed) when the webhook has not come yet. */
@RestController
class ReconcileController {

    private final SessionReconciliation reconciliation;

    ReconcileController(SessionReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping("/internal/payments/checkout-sessions/{sessionId}/reconcile")
    Mono<Map<String, Object>> reconcile(JwtAuthenticationToken caller, @PathVariable String sessionId) {
        boolean admin = caller.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
        return reconciliation.reconcile(sessionId, caller.getToken().getSubject(), admin).map(result -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("session_id", result.sessionId());
            body.put("ticket_id", result.ticketId());
            body.put("payment_status", result.paymentStatus());
            body.put("status", result.status());
            return body;
        });
    }
}
