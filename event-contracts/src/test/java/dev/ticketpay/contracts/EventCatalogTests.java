package dev.ticketpay.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The catalog: every event has exactly one stable type name, the topic of the architecture and a schema. */
class EventCatalogTests {

    /** The topic table of the architecture document, written out independently of {@link EventCatalog}. */
    private static final Map<Class<? extends TicketEvent>, String> TOPIC_TABLE = Map.ofEntries(
            Map.entry(TicketReserved.class, "tickets.v1"),
            Map.entry(TicketConfirmed.class, "tickets.v1"),
            Map.entry(TicketCancelled.class, "tickets.v1"),
            Map.entry(TicketExpired.class, "tickets.v1"),
            Map.entry(RefundRequested.class, "tickets.v1"),
            Map.entry(CheckoutSessionCreated.class, "payments.v1"),
            Map.entry(PaymentIntentCreated.class, "payments.v1"),
            Map.entry(PaymentSucceeded.class, "payments.v1"),
            Map.entry(PaymentFailed.class, "payments.v1"),
            Map.entry(PaymentCancelled.class, "payments.v1"),
            Map.entry(PaymentRefunded.class, "payments.v1"),
            Map.entry(RefundFailed.class, "payments.v1"),
            Map.entry(PaymentDisputed.class, "payments.v1"),
            Map.entry(PaymentDisputeClosed.class, "payments.v1"),
            Map.entry(QrCodeIssued.class, "qr-codes.v1"));

    static Stream<EventCatalog.Entry> entries() {
        return EventCatalog.entries().stream();
    }

    @Test
    void coversEveryPermittedSubtypeOfTicketEventExactlyOnce() {
        List<Class<?>> cataloged = EventCatalog.entries().stream().<Class<?>>map(EventCatalog.Entry::javaType).toList();

        assertThat(cataloged).containsExactlyInAnyOrder(TicketEvent.class.getPermittedSubclasses());
    }

    @Test
    void typeNamesAreUnique() {
        assertThat(EventCatalog.entries()).extracting(EventCatalog.Entry::type).doesNotHaveDuplicates();
    }

    @Test
    void schemaResourcesAreUnique() {
        assertThat(EventCatalog.entries()).extracting(EventCatalog.Entry::schemaResource).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("entries")
    void typeIsAStableVersionedNameNotAJavaClassName(EventCatalog.Entry entry) {
        assertThat(entry.type()).matches("ticketpay\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*")
                .doesNotContain(entry.javaType().getSimpleName());
    }

    @ParameterizedTest
    @MethodSource("entries")
    void eventIsPublishedOnTheTopicOfTheArchitectureTable(EventCatalog.Entry entry) {
        assertThat(entry.topic()).isEqualTo(TOPIC_TABLE.get(entry.javaType()));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void entryIsFoundByTypeAndByClass(EventCatalog.Entry entry) {
        assertThat(EventCatalog.byType(entry.type())).contains(entry);
        assertThat(EventCatalog.of(entry.javaType())).isEqualTo(entry);
    }

    @Test
    void unknownTypeIsNotFound() {
        assertThat(EventCatalog.byType("ticketpay.ticket.teleported.v1")).isEmpty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void classOutsideTheCatalogIsRefused() {
        Class raw = Object.class;
        assertThatIllegalArgumentException().isThrownBy(() -> EventCatalog.of(raw));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void everyTypeHasADraft202012SchemaFileOnTheClassPath(EventCatalog.Entry entry) throws IOException {
        assertThat(entry.schemaResource()).isEqualTo("schemas/" + entry.type() + ".json");
        try (InputStream in = EventSchemas.open(entry)) {
            assertThat(in).as(entry.schemaResource()).isNotNull();
        }

        JsonNode schema = EventSchemas.schemaTree(entry);

        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("$id").asString()).endsWith(":" + entry.type());
        assertThat(schema.get("title").asString()).isEqualTo(entry.javaType().getSimpleName());
        assertThat(schema.get("type").asString()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").asBoolean(false))
                .as("subscribers must tolerate added fields").isTrue();
        assertThat(schema.get("properties").properties()).allSatisfy(property ->
                assertThat(property.getValue().path("description").asString(""))
                        .as("description of %s", property.getKey()).isNotBlank());
    }
}
