package dev.ticketpay.sandbox.stripe.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parameters in Stripe's form encoding, {@code line_items[0][price_data][unit_amount]=1500},
 * {@code metadata[ticket_id]=31}, {@code expand[]=payment_intent}, parsed into a tree of maps.
 * Arrays stay maps keyed by index until read as arrays, so numeric metadata keys survive. Every
 * accessor reports errors with the full bracketed parameter name, as Stripe does.
 */
public final class Params {

    private final Map<String, Object> values;
    private final String prefix;

    private Params(Map<String, Object> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    /** Parses one or more form-encoded strings (query string, body); later values win. */
    public static Params parse(String... encoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (String text : encoded) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                put(root, segments(key), value);
            }
        }
        return new Params(root, null);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StripeApiException.invalid("Invalid URL encoding: " + s, null);
        }
    }

    /** {@code a[b][0][]} → a, b, 0, "" (an empty segment means "append"). */
    private static List<String> segments(String key) {
        List<String> parts = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            parts.add(key);
            return parts;
        }
        parts.add(key.substring(0, open));
        int i = open;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                throw StripeApiException.invalid("Invalid parameter name: " + key, key);
            }
            parts.add(key.substring(i + 1, close));
            i = close + 1;
        }
        if (i != key.length()) {
            throw StripeApiException.invalid("Invalid parameter name: " + key, key);
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            if (segment.isEmpty()) {
                segment = Integer.toString(node.size());
            }
            if (i == path.size() - 1) {
                node.put(segment, value);
                return;
            }
            Object child = node.get(segment);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            }
            node = (Map<String, Object>) child;
        }
    }

    /** The bracketed name of a key at this level, for error messages. */
    public String name(String key) {
        return prefix == null ? key : prefix + "[" + key + "]";
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** The parsed tree, for idempotency comparisons (map equality ignores order). */
    public Map<String, Object> raw() {
        return values;
    }

    /** Stripe's "Received unknown parameter" for anything outside {@code known}. */
    public Params allowOnly(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw StripeApiException.unknownParam(name(key));
            }
        }
        return this;
    }

    /** A string value; an empty string counts as absent, as Stripe treats {@code key=}. */
    public String string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw StripeApiException.invalid("Invalid string: " + describe(v), name(key));
        }
        return s.isEmpty() ? null : s;
    }

    public String requiredString(String key) {
        return required(key, string(key));
    }

    /** A value that must be there: Stripe's {@code parameter_missing} otherwise. */
    private <T> T required(String key, T value) {
        if (value == null) {
            throw StripeApiException.missingParam(name(key));
        }
        return value;
    }

    public Long integer(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw StripeApiException.invalid("Invalid integer: " + v, name(key));
        }
    }

    public long requiredInteger(String key) {
        return required(key, integer(key));
    }

    public Boolean bool(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw StripeApiException.invalid("Invalid boolean: " + v, name(key));
        };
    }

    /** A one-of-these value, with Stripe's "Invalid … must be one of" wording. */
    public String oneOf(String key, Set<String> allowed) {
        String v = string(key);
        if (v != null && !allowed.contains(v)) {
            throw StripeApiException.invalid(
                    "Invalid " + name(key) + ": must be one of "
                            + String.join(", ", allowed.stream().sorted().toList()),
                    name(key));
        }
        return v;
    }

    /** A nested hash; absent or {@code key=} gives an empty one. */
    @SuppressWarnings("unchecked")
    public Params object(String key) {
        Object v = values.get(key);
        if (v == null || "".equals(v)) {
            return new Params(new LinkedHashMap<>(), name(key));
        }
        if (!(v instanceof Map)) {
            throw StripeApiException.invalid("Invalid object", name(key));
        }
        return new Params((Map<String, Object>) v, name(key));
    }

    /** Array elements in index order; stripe-java writes {@code key[0]}, browsers {@code key[]}. */
    @SuppressWarnings("unchecked")
    public List<Object> array(String key) {
        Object v = values.get(key);
        if (v == null || "".equals(v)) {
            return List.of();
        }
        if (!(v instanceof Map)) {
            throw StripeApiException.invalid("Invalid array", name(key));
        }
        Map<String, Object> map = (Map<String, Object>) v;
        List<Map.Entry<String, Object>> entries = new ArrayList<>(map.entrySet());
        for (Map.Entry<String, Object> e : entries) {
            if (!e.getKey().chars().allMatch(Character::isDigit) || e.getKey().isEmpty()) {
                throw StripeApiException.invalid("Invalid array", name(key));
            }
        }
        entries.sort(Comparator.comparingLong(e -> Long.parseLong(e.getKey())));
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : entries) {
            out.add(e.getValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public List<Params> objects(String key) {
        List<Object> items = array(key);
        List<Params> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String itemName = name(key) + "[" + i + "]";
            if (!(item instanceof Map)) {
                throw StripeApiException.invalid("Invalid object", itemName);
            }
            out.add(new Params((Map<String, Object>) item, itemName));
        }
        return out;
    }

    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object item : array(key)) {
            if (!(item instanceof String s)) {
                throw StripeApiException.invalid("Invalid array", name(key));
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Metadata as Stripe validates it: at most 50 keys, keys up to 40 characters, values up to 500;
     * an empty value means "unset this key", which on create simply leaves it out.
     */
    public Map<String, String> metadata(String key) {
        Params m = object(key);
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : m.keys()) {
            Object v = m.values.get(k);
            if (!(v instanceof String s)) {
                throw StripeApiException.invalid("Invalid metadata: metadata values must be strings", m.name(k));
            }
            if (k.length() > 40) {
                throw StripeApiException.invalid(
                        "Invalid metadata: metadata keys can be at most 40 characters long", m.name(k));
            }
            if (s.length() > 500) {
                throw StripeApiException.invalid(
                        "Invalid metadata: metadata values can be at most 500 characters long", m.name(k));
            }
            out.put(k, s);
        }
        if (out.size() > 50) {
            throw StripeApiException.invalid("Invalid metadata: metadata can have at most 50 keys", name(key));
        }
        return out;
    }

    /** Metadata for a new object: an empty value unsets its key, which on create simply leaves it out. */
    public Map<String, String> newMetadata(String key) {
        Map<String, String> out = new LinkedHashMap<>(metadata(key));
        out.values().removeIf(String::isEmpty);
        return out;
    }

    /** An email address, checked as loosely as Stripe does. */
    public String email(String key) {
        String value = string(key);
        if (value != null && !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw StripeApiException.invalid("email_invalid", "Invalid email address: " + value, name(key));
        }
        return value;
    }

    /** An absolute http(s) URL; Stripe accepts characters {@link java.net.URI} would reject. */
    public String url(String key) {
        String value = string(key);
        if (value != null && (!value.matches("(?i)https?://[^\\s/?#]+[^\\s]*") || value.length() > 5000)) {
            throw StripeApiException.invalid("url_invalid", "Not a valid URL", name(key));
        }
        return value;
    }

    /** {@code payment_method_types}: the sandbox takes cards only. */
    public List<String> cardOnly(String key) {
        List<String> types = strings(key);
        for (String type : types) {
            if (!type.equals("card")) {
                throw StripeApiException.invalid(
                        "The payment method type `" + type
                                + "` is not available in the Stripe sandbox; only `card` is.",
                        name(key));
            }
        }
        return types;
    }

    /** {@code capture_method}: the sandbox captures at once and refuses {@code manual}. */
    public void automaticCaptureOnly(String key) {
        if ("manual".equals(oneOf(key, Set.of("automatic", "automatic_async", "manual")))) {
            throw StripeApiException.invalid("The Stripe sandbox does not implement manual capture.", name(key));
        }
    }

    private static String describe(Object v) {
        return v instanceof Map ? "object" : String.valueOf(v);
    }
}
