package dev.ticketpay.sandbox.stripe.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Stripe's list endpoints: the {@code created} filter and one page with limit / starting_after / ending_before. */
final class ListPage {

    private static final List<String> PAGING = List.of("limit", "starting_after", "ending_before", "expand", "created");

    private ListPage() {}

    /** The parameters a list endpoint takes: paging, {@code expand}, {@code created} and its own filters. */
    static Set<String> params(String... filters) {
        Set<String> all = new HashSet<>(PAGING);
        all.addAll(List.of(filters));
        return all;
    }

    /** Stripe's created filter: an exact timestamp or a hash of gt/gte/lt/lte. */
    static Predicate<Long> createdFilter(Params p) {
        if (!p.has("created")) {
            return c -> true;
        }
        if (p.raw().get("created") instanceof String) {
            long exact = p.requiredInteger("created");
            return c -> c == exact;
        }
        Params range = p.object("created").allowOnly(Set.of("gt", "gte", "lt", "lte"));
        Long gt = range.integer("gt");
        Long gte = range.integer("gte");
        Long lt = range.integer("lt");
        Long lte = range.integer("lte");
        return c -> (gt == null || c > gt)
                && (gte == null || c >= gte)
                && (lt == null || c < lt)
                && (lte == null || c <= lte);
    }

    /**
     * One page of the stored objects that pass {@code filter}, newest first.
     *
     * @param objectName how a {@code starting_after} id that is not in the list is named in the 404
     */
    static <T> ObjectNode of(
            Params p,
            String url,
            String objectName,
            Store<T> store,
            Predicate<T> filter,
            Function<T, ObjectNode> render) {
        List<T> matching = store.newestFirst().stream().filter(filter).toList();
        List<String> ids = matching.stream().map(store::idOf).toList();
        Long limitParam = p.integer("limit");
        int limit = limitParam == null ? 10 : limitParam.intValue();
        if (limitParam != null && (limitParam < 1 || limitParam > 100)) {
            throw StripeApiException.invalid(
                    limitParam < 1
                            ? "This value must be greater than or equal to 1."
                            : "This value must be less than or equal to 100.",
                    "limit");
        }
        String after = p.string("starting_after");
        String before = p.string("ending_before");
        if (after != null && before != null) {
            throw StripeApiException.invalid(
                    "You may only specify one of these parameters: ending_before, starting_after.", "starting_after");
        }
        int from;
        int to;
        if (after != null) {
            from = indexOf(ids, after, objectName, "starting_after") + 1;
            to = Math.min(matching.size(), from + limit);
        } else if (before != null) {
            to = indexOf(ids, before, objectName, "ending_before");
            from = Math.max(0, to - limit);
        } else {
            from = 0;
            to = Math.min(matching.size(), limit);
        }
        boolean hasMore = before != null ? from > 0 : to < matching.size();
        ArrayNode data = Json.array();
        matching.subList(from, to).forEach(object -> data.add(render.apply(object)));
        return Json.list(url, data, hasMore);
    }

    private static int indexOf(List<String> ids, String id, String objectName, String param) {
        int at = ids.indexOf(id);
        if (at < 0) {
            throw StripeApiException.noSuch(objectName, id, param);
        }
        return at;
    }
}
