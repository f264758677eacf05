package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * An OpenTelemetry collector as small as the tests need: an OTLP/HTTP endpoint ({@code POST /v1/traces},
 * protobuf) that keeps every span the stack's processes export, with the name of the service that sent it. The
 * protobuf is read by hand (field numbers of {@code opentelemetry/proto/trace/v1/trace.proto}); no generated
 * classes.
 */
final class SpanReceiver implements AutoCloseable {

    /** One received span; ids in lower-case hex, {@code parentSpanId} empty for a root. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

    private SpanReceiver(HttpServer server) {
        this.server = server;
    }

    static SpanReceiver start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            var receiver = new SpanReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    receiver.spans.addAll(read(body));
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
                var thread = new Thread(runnable, "span-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** ExportTraceServiceRequest: 1 resource_spans. */
    static List<ReceivedSpan> read(byte[] request) {
        var spans = new ArrayList<ReceivedSpan>();
        for (Field resourceSpans : fields(ByteBuffer.wrap(request))) {
            if (resourceSpans.number == 1) {
                readResourceSpans(resourceSpans.bytes(), spans);
            }
        }
        return spans;
    }

    /** ResourceSpans: 1 resource (1 attributes: KeyValue 1 key, 2 AnyValue 1 string_value), 2 scope_spans. */
    private static void readResourceSpans(ByteBuffer buffer, List<ReceivedSpan> into) {
        String service = "?";
        var scopes = new ArrayList<ByteBuffer>();
        for (Field field : fields(buffer)) {
            if (field.number == 1) {
                for (Field attribute : fields(field.bytes())) {
                    if (attribute.number != 1) {
                        continue;
                    }
                    String key = null;
                    String value = null;
                    for (Field part : fields(attribute.bytes())) {
                        if (part.number == 1) {
                            key = part.string();
                        }
                        else if (part.number == 2) {
                            for (Field any : fields(part.bytes())) {
                                if (any.number == 1) {
                                    value = any.string();
                                }
                            }
                        }
                    }
                    if ("service.name".equals(key) && value != null) {
                        service = value;
                    }
                }
            }
            else if (field.number == 2) {
                scopes.add(field.bytes());
            }
        }
        for (ByteBuffer scope : scopes) {
            for (Field scopeField : fields(scope)) {
                if (scopeField.number == 2) {
                    into.add(readSpan(service, scopeField.bytes()));
                }
            }
        }
    }

    /** Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind. */
    private static ReceivedSpan readSpan(String service, ByteBuffer buffer) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        for (Field field : fields(buffer)) {
            switch (field.number) {
                case 1 -> traceId = field.hex();
                case 2 -> spanId = field.hex();
                case 4 -> parent = field.hex();
                case 5 -> name = field.string();
                case 6 -> kind = (int) field.varint;
                default -> {
                }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind);
    }

    private record Field(int number, long varint, byte[] data) {

        ByteBuffer bytes() {
            return ByteBuffer.wrap(data);
        }

        String string() {
            return new String(data, StandardCharsets.UTF_8);
        }

        String hex() {
            return HexFormat.of().formatHex(data);
        }
    }

    private static List<Field> fields(ByteBuffer buffer) {
        var fields = new ArrayList<Field>();
        while (buffer.hasRemaining()) {
            long tag = varint(buffer);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(buffer), null));
                case 1 -> buffer.position(buffer.position() + 8);
                case 2 -> {
                    byte[] data = new byte[(int) varint(buffer)];
                    buffer.get(data);
                    fields.add(new Field(number, 0, data));
                }
                case 5 -> buffer.position(buffer.position() + 4);
                default -> throw new IllegalArgumentException("unsupported protobuf wire type in tag " + tag);
            }
        }
        return fields;
    }

    private static long varint(ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
