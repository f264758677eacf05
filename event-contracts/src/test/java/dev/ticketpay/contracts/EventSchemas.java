package dev.ticketpay.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import tools.jackson.databind.JsonNode;

/** Loads the events' JSON Schemas from the class path and validates JSON against them, formats asserted. */
final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // by default draft 2020-12 treats "format" as an annotation only; uuid, date-time, email and uri must be checked
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    static JsonSchema schemaOf(EventCatalog.Entry entry) {
        return SCHEMAS.computeIfAbsent(entry.type(), type -> {
            try (InputStream in = open(entry)) {
                if (in == null) {
                    throw new IllegalStateException("no schema on the class path at " + entry.schemaResource());
                }
                return FACTORY.getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static InputStream open(EventCatalog.Entry entry) {
        return EventSchemas.class.getClassLoader().getResourceAsStream(entry.schemaResource());
    }

    /** The schema itself as a JSON tree, to look at its keywords. */
    static JsonNode schemaTree(EventCatalog.Entry entry) {
        try (InputStream in = open(entry)) {
            if (in == null) {
                throw new IllegalStateException("no schema on the class path at " + entry.schemaResource());
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validate(EventCatalog.Entry entry, JsonNode json) {
        return schemaOf(entry).validate(json.toString(), InputFormat.JSON);
    }

    private EventSchemas() {
    }
}
