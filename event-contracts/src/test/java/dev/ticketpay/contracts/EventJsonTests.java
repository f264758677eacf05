package dev.ticketpay.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of every event: round trip, snake_case names, conformance to its published JSON Schema. */
class EventJsonTests {

    static Stream<Named<TicketEvent>> events() {
        return TestEvents.all().stream().map(e -> named(EventCatalog.of(e).type(), e));
    }

    /** Every (event, JSON property) pair, for the per-field schema checks. */
    static Stream<Arguments> eventFields() {
        return TestEvents.all().stream()
                .flatMap(e -> tree(e).propertyNames().stream()
                        .map(field -> Arguments.of(named(EventCatalog.of(e).type(), e), field)));
    }

    @Test
    void testDataHasExactlyOneInstanceOfEveryEvent() {
        assertThat(TestEvents.all()).extracting(Object::getClass)
                .containsExactlyInAnyOrder(TicketEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripGivesBackAnEqualRecord(TicketEvent event) {
        byte[] json = EventJson.write(event);

        TicketEvent back = EventJson.read(json, event.getClass());

        assertThat(back).isEqualTo(event).isNotSameAs(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void jsonUsesSnakeCaseNamesOfTheRecordComponentsExactlyAsTheSchemaNamesThem(TicketEvent event) {
        Set<String> expected = Arrays.stream(event.getClass().getRecordComponents())
                .map(c -> snakeCase(c.getName()))
                .collect(Collectors.toSet());
        JsonNode schema = EventSchemas.schemaTree(EventCatalog.of(event));

        Set<String> keys = Set.copyOf(tree(event).propertyNames());

        assertThat(keys).as("JSON keys").allMatch(k -> k.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"))
                .isEqualTo(expected);
        assertThat(Set.copyOf(schema.get("properties").propertyNames())).as("schema properties").isEqualTo(keys);
        assertThat(schema.get("required").valueStream().map(JsonNode::asString).toList())
                .as("schema required").containsExactlyInAnyOrderElementsOf(keys);
    }

    @ParameterizedTest
    @MethodSource("events")
    void jsonValidatesAgainstItsSchema(TicketEvent event) {
        assertThat(EventSchemas.validate(EventCatalog.of(event), tree(event))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void unknownFieldsInIncomingJsonAreIgnored(TicketEvent event) {
        ObjectNode json = tree(event);
        json.put("added_in_a_later_version", "x");
        json.put("priority", 3);
        json.putObject("metadata").put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").putArray("tags").add("vip");

        TicketEvent back = EventJson.read(json.toString().getBytes(), event.getClass());

        assertThat(back).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void schemaAllowsFieldsItDoesNotKnow(TicketEvent event) {
        ObjectNode json = tree(event);
        json.put("added_in_a_later_version", "x");
        json.putObject("metadata").put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");

        assertThat(EventSchemas.validate(EventCatalog.of(event), json)).isEmpty();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("eventFields")
    void schemaRequiresEveryField(TicketEvent event, String field) {
        ObjectNode json = tree(event);
        json.remove(field);

        assertRejectedFor(event, json, field);
    }

    /** Fields a producer may leave null: a token without e-mail, a failure without a message. */
    private static final java.util.Set<String> NULLABLE = java.util.Set.of("TicketReserved.email",
            "PaymentFailed.message");

    @ParameterizedTest(name = "{0} with {1} null")
    @MethodSource("eventFields")
    void schemaRejectsNullFieldsButTheDocumentedNullableOnes(TicketEvent event, String field) {
        ObjectNode json = tree(event);
        json.putNull(field);

        if (NULLABLE.contains(event.getClass().getSimpleName() + "." + field)) {
            assertThat(EventSchemas.validate(EventCatalog.of(event), json)).as("errors for %s", json).isEmpty();
        }
        else {
            assertRejectedFor(event, json, field);
        }
    }

    @ParameterizedTest(name = "{0} with {1} of the wrong JSON type")
    @MethodSource("eventFields")
    void schemaRejectsFieldsOfTheWrongJsonType(TicketEvent event, String field) {
        ObjectNode json = tree(event);
        JsonNode value = json.get(field);
        if (value.isString()) {
            json.put(field, 1);
        } else {
            json.put(field, value.asString()); // a number or boolean as a string: "4211", "false"
        }

        assertRejectedFor(event, json, field);
    }

    @ParameterizedTest
    @MethodSource("events")
    void schemaRejectsCurrenciesThatAreNotLowerCaseIsoCodes(TicketEvent event) {
        for (String bad : List.of("JPY", "Jpy", "jp", "jpyy", "jp1", " jpy", "")) {
            assertRejectedIfPresent(event, "currency", json -> json.put("currency", bad));
        }
        assertAcceptedIfPresent(event, "currency", json -> json.put("currency", "usd"));
    }

    @ParameterizedTest
    @MethodSource("events")
    void schemaRejectsNegativeAndFractionalAmountsButAcceptsZero(TicketEvent event) {
        assertRejectedIfPresent(event, "amount", json -> json.put("amount", -1));
        assertRejectedIfPresent(event, "amount", json -> json.put("amount", 4500.5));
        assertAcceptedIfPresent(event, "amount", json -> json.put("amount", 0));
    }

    @ParameterizedTest
    @MethodSource("events")
    void schemaRequiresAtLeastOneSeat(TicketEvent event) {
        assertRejectedIfPresent(event, "quantity", json -> json.put("quantity", 0));
        assertRejectedIfPresent(event, "quantity", json -> json.put("quantity", -2));
        assertAcceptedIfPresent(event, "quantity", json -> json.put("quantity", 1));
    }

    @ParameterizedTest
    @MethodSource("events")
    void schemaRequiresPositiveIds(TicketEvent event) {
        assertRejectedIfPresent(event, "ticket_id", json -> json.put("ticket_id", 0));
        assertRejectedIfPresent(event, "event_id", json -> json.put("event_id", 0));
    }

    @ParameterizedTest
    @MethodSource("events")
    void schemaRejectsMalformedUuids(TicketEvent event) {
        for (String field : List.of("order_id", "payment_id")) {
            assertRejectedIfPresent(event, field, json -> json.put(field, "order-4211"));
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void schemaRejectsTimesThatAreNotRfc3339DateTimes(TicketEvent event) {
        List<String> timeFields = tree(event).propertyNames().stream().filter(f -> f.endsWith("_at")).toList();
        for (String field : timeFields) {
            for (String bad : List.of("2025-07-01 10:15", "2025-07-01", "yesterday", "1751364903")) {
                assertRejectedIfPresent(event, field, json -> json.put(field, bad));
            }
            assertRejectedIfPresent(event, field, json -> json.put(field, 1751364903L));
        }
    }

    private static void assertRejectedFor(TicketEvent event, JsonNode json, String field) {
        Set<ValidationMessage> errors = EventSchemas.validate(EventCatalog.of(event), json);
        assertThat(errors).as("errors for %s", json).isNotEmpty()
                .anySatisfy(error -> assertThat(error.getMessage()).contains(field));
    }

    private static void assertRejectedIfPresent(TicketEvent event, String field, Consumer<ObjectNode> change) {
        ObjectNode json = tree(event);
        if (json.has(field)) {
            change.accept(json);
            assertRejectedFor(event, json, field);
        }
    }

    private static void assertAcceptedIfPresent(TicketEvent event, String field, Consumer<ObjectNode> change) {
        ObjectNode json = tree(event);
        if (json.has(field)) {
            change.accept(json);
            assertThat(EventSchemas.validate(EventCatalog.of(event), json)).as("errors for %s", json).isEmpty();
        }
    }

    static ObjectNode tree(TicketEvent event) {
        return (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
    }

    /** camelCase to snake_case, written here independently of Jackson's naming strategy. */
    static String snakeCase(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
