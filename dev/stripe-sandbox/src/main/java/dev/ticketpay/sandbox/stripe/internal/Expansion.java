package dev.ticketpay.sandbox.stripe.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Stripe's {@code expand[]=a.b}: ids in an answer replaced by the objects they name, up to four levels deep. */
final class Expansion {

    private static final Set<String> EXPANDABLE = Set.of(
            "payment_intent",
            "latest_charge",
            "payment_method",
            "charge",
            "line_items",
            "customer",
            "invoice",
            "subscription",
            "setup_intent",
            "payment_link",
            "review",
            "application",
            "on_behalf_of",
            "source",
            "failure_balance_transaction");

    private final Function<String, ObjectNode> objectsById;
    private final Function<String, ObjectNode> sessionLineItems;

    /**
     * @param objectsById the rendered object for an id, {@code null} if there is none
     * @param sessionLineItems the rendered line items of a session, by the session's id
     */
    Expansion(Function<String, ObjectNode> objectsById, Function<String, ObjectNode> sessionLineItems) {
        this.objectsById = objectsById;
        this.sessionLineItems = sessionLineItems;
    }

    ObjectNode expand(ObjectNode node, List<String> paths) {
        for (String path : paths) {
            String[] segments = path.split("\\.");
            long depth = Arrays.stream(segments).filter(s -> !s.equals("data")).count();
            if (depth > 4) {
                throw StripeApiException.invalid(
                        "You cannot expand more than 4 levels of a property. Property: " + path, "expand");
            }
            expandPath(node, segments, 0, path);
        }
        return node;
    }

    private void expandPath(ObjectNode node, String[] segments, int i, String full) {
        String field = segments[i];
        JsonNode objectType = node.get("object");
        if (objectType != null && "list".equals(objectType.asString()) && field.equals("data")) {
            if (i + 1 == segments.length) {
                throw cannotExpand(full);
            }
            for (JsonNode element : node.get("data")) {
                expandPath((ObjectNode) element, segments, i + 1, full);
            }
            return;
        }
        boolean lineItems =
                field.equals("line_items") && objectType != null && "checkout.session".equals(objectType.asString());
        if (!EXPANDABLE.contains(field) || (!node.has(field) && !lineItems)) {
            throw cannotExpand(full);
        }
        JsonNode value = node.get(field);
        if (lineItems) {
            // Stripe leaves line_items out of a session unless asked for them.
            value = sessionLineItems.apply(node.get("id").asString());
            node.set(field, value);
        } else if (value.isString()) {
            ObjectNode object = objectsById.apply(value.asString());
            if (object == null) {
                throw cannotExpand(full);
            }
            node.set(field, object);
            value = object;
        }
        if (i + 1 < segments.length && value.isObject()) {
            expandPath((ObjectNode) value, segments, i + 1, full);
        }
    }

    private static StripeApiException cannotExpand(String path) {
        return StripeApiException.invalid("This property cannot be expanded (" + path + ").", "expand");
    }
}
