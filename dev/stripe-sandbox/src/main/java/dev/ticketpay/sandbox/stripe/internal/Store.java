package dev.ticketpay.sandbox.stripe.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The objects of one Stripe resource by id, in creation order so that lists can answer newest first as Stripe does.
 * Only touched under the {@link SandboxState} lock.
 */
final class Store<T> {

    private final Map<String, T> byId = new LinkedHashMap<>();
    private final Function<T, String> id;

    Store(Function<T, String> id) {
        this.id = id;
    }

    String idOf(T object) {
        return id.apply(object);
    }

    /** The object, or {@code null}. */
    T get(String key) {
        return key == null ? null : byId.get(key);
    }

    /** The object, or Stripe's 404 ({@code No such <objectName>: 'id'}) naming {@code param}. */
    T require(String key, String objectName, String param) {
        T object = get(key);
        if (object == null) {
            throw StripeApiException.noSuch(objectName, key, param);
        }
        return object;
    }

    /** Stores a new object, or the new state of one already stored (its place in creation order stays). */
    T add(T object) {
        byId.put(id.apply(object), object);
        return object;
    }

    Collection<T> all() {
        return byId.values();
    }

    List<T> newestFirst() {
        return new ArrayList<>(byId.values()).reversed();
    }
}
