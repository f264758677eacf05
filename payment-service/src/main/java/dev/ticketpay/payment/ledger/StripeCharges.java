package dev.ticketpay.payment.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.stripe.model.Charge;
import com.stripe.model.HasId;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.param.ChargeListParams;
import com.stripe.param.RefundListParams;
import dev.ticketpay.payment.stripe.StripeApi;
import dev.ticketpay.payment.stripe.StripeEndpoint;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Stripe's side of the ledger: the succeeded charges created in the window, and the charges of refunds made in the
 * window (a refund today of a charge older than the window still changes the balance). Read page by page through
 * {@link StripeApi} (boundedElastic, retried while Stripe is unavailable).
 */
@Component
class StripeCharges {

    /** Stripe's page size limit; at most this many pages per list keep one run bounded. */
    private static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 50;

    /** The charges, and whether a list was cut at {@link #MAX_PAGES} (the report then says so). */
    record Window(List<StripeCharge> charges, boolean truncated) {
    }

    private final StripeApi stripe;

    StripeCharges(StripeApi stripe) {
        this.stripe = stripe;
    }

    Mono<Window> since(Instant since) {
        return refundsSince(since).flatMap(refunds -> chargesSince(since).flatMap(charges -> {
            var byId = new LinkedHashMap<String, Charge>();
            charges.items().forEach(charge -> byId.put(charge.getId(), charge));
            var older = refunds.items().stream().map(Refund::getCharge)
                    .filter(id -> id != null && !byId.containsKey(id)).distinct().toList();
            return Flux.fromIterable(older).concatMap(this::charge).collectList().map(more -> {
                more.forEach(charge -> byId.put(charge.getId(), charge));
                Map<String, Refund> newestRefund = newestByCharge(refunds.items());
                var window = byId.values().stream().filter(charge -> "succeeded".equals(charge.getStatus()))
                        .map(charge -> StripeCharge.of(charge, newestRefund.get(charge.getId()))).toList();
                return new Window(window, charges.truncated() || refunds.truncated());
            });
        }));
    }

    private record Listed<T>(List<T> items, boolean truncated) {
    }

    private Mono<Listed<Charge>> chargesSince(Instant since) {
        return pages(after -> {
            var params = ChargeListParams.builder().setLimit((long) PAGE_SIZE)
                    .setCreated(ChargeListParams.Created.builder().setGte(since.getEpochSecond()).build());
            if (after != null) {
                params.setStartingAfter(after);
            }
            var request = params.build();
            return stripe.call(StripeEndpoint.LIST_CHARGES, "list charges",
                    client -> client.v1().charges().list(request));
        });
    }

    private Mono<Listed<Refund>> refundsSince(Instant since) {
        return pages(after -> {
            var params = RefundListParams.builder().setLimit((long) PAGE_SIZE)
                    .setCreated(RefundListParams.Created.builder().setGte(since.getEpochSecond()).build());
            if (after != null) {
                params.setStartingAfter(after);
            }
            var request = params.build();
            return stripe.call(StripeEndpoint.LIST_REFUNDS, "list refunds",
                    client -> client.v1().refunds().list(request));
        });
    }

    private Mono<Charge> charge(String id) {
        return stripe.call(StripeEndpoint.RETRIEVE_CHARGE, "retrieve charge " + id,
                client -> client.v1().charges().retrieve(id));
    }

    /** Follows {@code starting_after} until {@code has_more} is false or {@link #MAX_PAGES} pages were read. */
    private static <T extends HasId> Mono<Listed<T>> pages(Function<String, Mono<StripeCollection<T>>> page) {
        return Mono.defer(() -> {
            var items = new ArrayList<T>();
            int[] read = {0};
            return page.apply(null)
                    .expand(current -> {
                        read[0]++;
                        boolean more = Boolean.TRUE.equals(current.getHasMore()) && !current.getData().isEmpty();
                        return more && read[0] < MAX_PAGES ? page.apply(current.getData().getLast().getId())
                                : Mono.empty();
                    })
                    .doOnNext(current -> items.addAll(current.getData()))
                    .last()
                    .map(last -> new Listed<>(items, Boolean.TRUE.equals(last.getHasMore()) && read[0] >= MAX_PAGES));
        });
    }

    private static Map<String, Refund> newestByCharge(List<Refund> refunds) {
        var newest = new HashMap<String, Refund>();
        for (Refund refund : refunds) {
            if (refund.getCharge() != null && "succeeded".equals(refund.getStatus())) {
                newest.merge(refund.getCharge(), refund,
                        (a, b) -> orZero(a.getCreated()) >= orZero(b.getCreated()) ? a : b);
            }
        }
        return newest;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
