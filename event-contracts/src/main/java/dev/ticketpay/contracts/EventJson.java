package dev.ticketpay.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of the events: snake_case names, ISO-8601 instants, unknown fields ignored so that a
 * producer may add fields without breaking older subscribers.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static byte[] write(TicketEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <T extends TicketEvent> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private EventJson() {
    }
}
