package dev.ticketpay.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** docs/asyncapi.yaml, the document for outside subscribers, describes exactly the events of the catalog. */
class AsyncApiDocumentTests {

    /** Relative to this module's directory, where Maven runs the tests. */
    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final String SCHEMA_DIR = "../event-contracts/src/main/resources/schemas/";
    private static final List<String> TOPICS = List.of(Topics.TICKETS, Topics.PAYMENTS, Topics.QR_CODES);

    private static JsonNode doc;

    @BeforeAll
    static void readDocument() throws Exception {
        assertThat(DOCUMENT).as("the AsyncAPI document").exists();
        doc = new YAMLMapper().readTree(Files.readString(DOCUMENT));
    }

    static Stream<EventCatalog.Entry> entries() {
        return EventCatalog.entries().stream();
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(doc.path("defaultContentType").asString()).isEqualTo("application/json");
        assertThat(doc.path("servers").path("kafka").path("protocol").asString()).isEqualTo("kafka");
    }

    @Test
    void hasAChannelForEveryTopicAndItsDeadLetterTopicAndNoOther() {
        List<String> expected = new ArrayList<>();
        TOPICS.forEach(topic -> {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        });

        List<String> addresses = doc.path("channels").valueStream().map(c -> c.path("address").asString()).toList();

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(doc.path("channels").valueStream()).allSatisfy(channel -> assertThat(
                channel.path("bindings").path("kafka").path("topic").asString())
                .isEqualTo(channel.path("address").asString()));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void everyEventIsAMessageOfItsTopicAndDeadLetterTopicOnly(EventCatalog.Entry entry) {
        JsonNode message = messageOf(entry);
        String ref = "#/components/messages/" + message.path("name").asString();

        List<String> carrying = doc.path("channels").valueStream()
                .filter(channel -> channel.path("messages").valueStream()
                        .anyMatch(m -> m.path("$ref").asString().equals(ref)))
                .map(channel -> channel.path("address").asString())
                .toList();

        assertThat(carrying).containsExactlyInAnyOrder(entry.topic(), Topics.deadLetter(entry.topic()));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void messagePayloadIsTheEventsSchemaFile(EventCatalog.Entry entry) {
        JsonNode message = messageOf(entry);
        String payloadRef = message.path("payload").path("$ref").asString();

        assertThat(payloadRef).isEqualTo(SCHEMA_DIR + entry.type() + ".json");
        assertThat(DOCUMENT.resolveSibling(payloadRef)).as("schema file the document points to").isRegularFile();
        assertThat(message.path("contentType").asString()).isEqualTo("application/json");
    }

    @ParameterizedTest
    @MethodSource("entries")
    void messageIsKeyedByTicketIdAsString(EventCatalog.Entry entry) {
        JsonNode key = resolve(messageOf(entry).path("bindings").path("kafka").path("key"));

        assertThat(key.path("type").asString()).isEqualTo("string");
        assertThat(key.path("description").asString()).containsIgnoringCase("ticket id");
    }

    @ParameterizedTest
    @MethodSource("entries")
    void messageDeclaresTheCloudEventsHeaders(EventCatalog.Entry entry) {
        List<JsonNode> parts = messageOf(entry).path("headers").path("allOf").valueStream().map(this::resolve).toList();
        JsonNode common = parts.stream().filter(p -> p.has("required")).findFirst().orElseThrow();

        assertThat(common.path("required").valueStream().map(JsonNode::asString).toList()).containsExactlyInAnyOrder(
                "ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion", "content-type");
        assertThat(common.at("/properties/content-type/const").asString()).isEqualTo("application/json");
        assertThat(parts).anySatisfy(p -> assertThat(p.at("/properties/ce_type/const").asString())
                .isEqualTo(entry.type()));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void messageExampleHasTheHeadersAndValidatesAgainstTheSchema(EventCatalog.Entry entry) {
        List<JsonNode> examples = messageOf(entry).path("examples").valueStream().toList();

        assertThat(examples).isNotEmpty().allSatisfy(example -> {
            assertThat(example.path("headers").propertyNames()).contains(
                    "ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion", "content-type");
            assertThat(example.path("headers").path("ce_type").asString()).isEqualTo(entry.type());
            assertThat(EventSchemas.validate(entry, example.path("payload"))).isEmpty();
        });
    }

    @Test
    void documentsOrderingPerTicketAndAtLeastOnceDeliveryWithDeduplicationByCeId() {
        String description = doc.path("info").path("description").asString();

        assertThat(description).contains("at least once").contains("de-duplicate by `ce_id`")
                .contains("one partition").contains("order");
    }

    @Test
    void everyLocalReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            if (ref.startsWith("#/")) {
                assertThat(doc.at(JsonPointer.compile(ref.substring(1))).isMissingNode()).as(ref).isFalse();
            } else {
                assertThat(DOCUMENT.resolveSibling(ref)).as(ref).isRegularFile();
            }
        });
    }

    @Test
    void documentsNoMessageThatIsNotInTheCatalog() {
        Set<String> names = Set.copyOf(doc.path("components").path("messages").propertyNames());

        assertThat(names).containsExactlyInAnyOrderElementsOf(
                EventCatalog.entries().stream().map(e -> e.javaType().getSimpleName()).toList());
    }

    /** The message whose ce_type header is fixed to the entry's type. */
    private JsonNode messageOf(EventCatalog.Entry entry) {
        List<JsonNode> matching = doc.path("components").path("messages").valueStream()
                .filter(m -> m.path("headers").path("allOf").valueStream()
                        .anyMatch(p -> p.at("/properties/ce_type/const").asString("").equals(entry.type())))
                .toList();
        assertThat(matching).as("messages with ce_type %s", entry.type()).hasSize(1);
        return matching.getFirst();
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString("");
        return ref.startsWith("#/") ? doc.at(JsonPointer.compile(ref.substring(1))) : node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (property.getKey().equals("$ref")) {
                    refs.add(property.getValue().asString());
                } else {
                    collectRefs(property.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.valueStream().forEach(child -> collectRefs(child, refs));
        }
    }
}
