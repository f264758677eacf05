package dev.ticketpay.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.util.HtmlUtils;

/**
 * The AsyncAPI document ({@code docs/asyncapi.yaml}) as one HTML page, made once at start: the topics, then each
 * event with its CloudEvents type, its fields (from the JSON Schemas in event-contracts) and an example record.
 * Plain HTML and a little CSS, nothing fetched from elsewhere.
 */
final class EventsPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern STRONG = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern EMPHASIS = Pattern.compile("\\*([^*]+)\\*");
    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
            code, pre { background: #f4f4f4; padding: 0 .2em; } pre { padding: .6em; overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
            th, td { border: 1px solid #ddd; padding: .3em .5em; text-align: left; vertical-align: top; }
            h3 { margin-top: 2em; border-top: 1px solid #ddd; padding-top: 1em; }
            """;

    @SuppressWarnings("unchecked")
    static byte[] render(Resource asyncApi) {
        Map<String, Object> document;
        try (InputStream in = asyncApi.getInputStream()) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var html = new StringBuilder();
        Map<String, Object> info = map(document, "info");
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(text(info, "title"))).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>").append(escape(text(info, "title"))).append(" <small>")
                .append(escape(text(info, "version"))).append(" (AsyncAPI ").append(escape(text(document, "asyncapi")))
                .append(")</small></h1>\n<p><a href=\"/docs\">The HTTP API</a></p>\n");
        html.append(paragraphs(text(info, "description")));
        html.append("<h2>Servers</h2>\n<table><tr><th>name</th><th>host</th><th>protocol</th><th></th></tr>\n");
        map(document, "servers").forEach((name, server) -> html.append(row(name,
                code(text((Map<String, Object>) server, "host")),
                escape(text((Map<String, Object>) server, "protocol")),
                escape(text((Map<String, Object>) server, "description")))));
        html.append("</table>\n<h2>Topics</h2>\n<table><tr><th>topic</th><th>events</th><th></th></tr>\n");
        map(document, "channels").forEach((name, value) -> {
            var channel = (Map<String, Object>) value;
            var events = new StringBuilder();
            map(channel, "messages").keySet().forEach(event -> events.append("<a href=\"#").append(escape(event))
                    .append("\">").append(escape(event)).append("</a> "));
            html.append(row(code(text(channel, "address")), events.toString(), escape(text(channel, "description"))));
        });
        html.append("</table>\n<h2>Events</h2>\n");
        Map<String, Object> components = map(document, "components");
        html.append(headers(map(map(components, "schemas"), "CloudEventsHeaders")));
        map(components, "messages").forEach((name, value) -> html.append(message(name, (Map<String, Object>) value)));
        return html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static String headers(Map<String, Object> schema) {
        var html = new StringBuilder("<p>Every record carries these headers (CloudEvents 1.0, Kafka binary mode):</p>"
                + "\n<table><tr><th>header</th><th>type</th><th></th></tr>\n");
        var required = (List<String>) schema.getOrDefault("required", List.of());
        map(schema, "properties").forEach((name, property) -> html.append(row(
                code(name) + (required.contains(name) ? " (always)" : ""),
                escape(text((Map<String, Object>) property, "type")),
                escape(text((Map<String, Object>) property, "description")))));
        return html.append("</table>\n").toString();
    }

    @SuppressWarnings("unchecked")
    private static String message(String name, Map<String, Object> message) {
        var html = new StringBuilder("<h3 id=\"").append(escape(name)).append("\">").append(escape(name))
                .append("</h3>\n<p>").append(escape(text(message, "summary"))).append("</p>\n");
        List<Map<String, Object>> headerParts = (List<Map<String, Object>>) map(message, "headers")
                .getOrDefault("allOf", List.of());
        headerParts.stream().map(part -> map(map(part, "properties"), "ce_type"))
                .filter(type -> type.containsKey("const"))
                .forEach(type -> html.append("<p><code>ce_type</code>: <code>").append(escape(text(type, "const")))
                        .append("</code></p>\n"));
        String payload = text(map(message, "payload"), "$ref");
        if (!payload.isEmpty()) {
            html.append(fields(payload.substring(payload.lastIndexOf('/') + 1)));
        }
        List<Map<String, Object>> examples = (List<Map<String, Object>>) message.getOrDefault("examples", List.of());
        for (Map<String, Object> example : examples) {
            html.append("<p>Example record:</p><pre>").append(escape(JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Map.of("headers", example.getOrDefault("headers", Map.of()),
                            "value", example.getOrDefault("payload", Map.of()))))).append("</pre>\n");
        }
        return html.toString();
    }

    /** The payload's fields, from its JSON Schema in event-contracts ({@code schemas/<type>.json}). */
    private static String fields(String schemaFile) {
        var resource = new ClassPathResource("schemas/" + schemaFile);
        if (!resource.exists()) {
            return "<p>Body: <code>" + escape(schemaFile) + "</code></p>\n";
        }
        var schema = JSON.readTree(DocsRoutes.read(resource));
        var required = new HashSet<String>();
        schema.path("required").forEach(field -> required.add(field.asString()));
        var html = new StringBuilder("<table><tr><th>field</th><th>type</th><th></th></tr>\n");
        for (var field : schema.path("properties").properties()) {
            var property = field.getValue();
            String type = property.path("type").isArray() ? property.path("type").toString()
                    : property.path("type").asString("");
            if (property.has("format")) {
                type += " (" + property.path("format").asString() + ")";
            }
            if (property.has("enum")) {
                type += " " + property.path("enum");
            }
            html.append(row(code(field.getKey()) + (required.contains(field.getKey()) ? "" : " (optional)"),
                    escape(type), escape(property.path("description").asString(""))));
        }
        return html.append("</table>\n").toString();
    }

    private static String row(String... cells) {
        var html = new StringBuilder("<tr>");
        for (String cell : cells) {
            html.append("<td>").append(cell).append("</td>");
        }
        return html.append("</tr>\n").toString();
    }

    /** The description's light markdown: paragraphs, {@code `code`}, {@code **strong**}, {@code *emphasis*}. */
    private static String paragraphs(String markdown) {
        var html = new StringBuilder();
        for (String paragraph : markdown.split("\\n\\s*\\n")) {
            String inline = escape(paragraph.strip());
            inline = CODE.matcher(inline).replaceAll("<code>$1</code>");
            inline = STRONG.matcher(inline).replaceAll("<strong>$1</strong>");
            inline = EMPHASIS.matcher(inline).replaceAll("<em>$1</em>");
            html.append("<p>").append(inline).append("</p>\n");
        }
        return html.toString();
    }

    private static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? "" : value.toString();
    }

    private EventsPage() {
    }
}
