package dev.ticketpay.sandbox.stripe.internal;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One shared, immutable Jackson 3 mapper and a few node helpers. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Stripe answers pretty-printed JSON; matching it keeps payloads readable in logs. */
    public static String write(JsonNode node) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    public static JsonNode read(String text) {
        return MAPPER.readTree(text);
    }

    public static ObjectNode map(Map<String, String> values) {
        ObjectNode node = object();
        values.forEach(node::put);
        return node;
    }

    /** A Stripe address with every line null, the shape Stripe uses when nothing was collected. */
    public static ObjectNode emptyAddress() {
        ObjectNode a = object();
        for (String k : new String[] {"city", "country", "line1", "line2", "postal_code", "state"}) {
            a.putNull(k);
        }
        return a;
    }

    /** Stripe's list envelope. */
    public static ObjectNode list(String url, ArrayNode data, boolean hasMore) {
        ObjectNode list = object();
        list.put("object", "list");
        list.set("data", data);
        list.put("has_more", hasMore);
        list.put("url", url);
        return list;
    }
}
