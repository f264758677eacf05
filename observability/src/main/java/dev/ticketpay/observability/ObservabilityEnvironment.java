package dev.ticketpay.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The switches operators know from elsewhere, turned into Spring Boot's own settings, at the lowest precedence (a
 * {@code management.*} or {@code logging.*} property set explicitly wins):
 * <ul>
 * <li>{@code LOG_FORMAT}: {@code text} (the default, Boot's plain lines), {@code json} or {@code ecs} (Elastic
 * Common Schema), {@code logstash}, {@code gelf} — Boot's structured console logging
 * ({@code logging.structured.format.console}).</li>
 * <li>{@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, or {@code OTEL_EXPORTER_OTLP_ENDPOINT} plus {@code /v1/traces}
 * (OpenTelemetry's own variables): where spans go over OTLP/HTTP. Unset, no exporter exists.</li>
 * <li>{@code TRACING_SAMPLING_PROBABILITY}: the share of new traces recorded [1.0]; a trace continued from a
 * caller keeps the caller's decision.</li>
 * <li>{@code REACTOR_CONTEXT_PROPAGATION}: {@code limited} (the default) or {@code auto}
 * ({@code spring.reactor.context-propagation}). With {@code limited} the trace travels in the Reactor context
 * only: spans and propagated headers are the same, and a service spends about a third less CPU per request, but a
 * line logged inside a reactive operator carries the trace ids only where it restores them ({@link InTrace}), as
 * every line of ours written in a request's or an event's chain does. {@code auto} makes the span current on
 * whichever thread runs any operator, which also gives libraries' lines the ids, at that cost.</li>
 * <li>{@code MANAGEMENT_PORT}: the port of the actuator (health, prometheus) when it is not the service's own
 * (the gateway's is 8001 by default, see its {@code application.yml}).</li>
 * </ul>
 */
public final class ObservabilityEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "ticketpay-observability";

    /** The environment variables read here (not through {@code ${…}} placeholders of the configuration files). */
    public static final List<String> VARIABLES = List.of("LOG_FORMAT", "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "TRACING_SAMPLING_PROBABILITY", "REACTOR_CONTEXT_PROPAGATION",
            "MANAGEMENT_PORT");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, settings(System.getenv())));
    }

    /** The Boot properties these environment variables stand for. */
    static Map<String, Object> settings(Map<String, String> env) {
        var settings = new HashMap<String, Object>();
        String format = blankToNull(env.get("LOG_FORMAT"));
        if (format != null) {
            String structured = switch (format.toLowerCase(Locale.ROOT)) {
                case "text", "plain" -> null;
                case "json", "ecs" -> "ecs";
                case "logstash" -> "logstash";
                case "gelf" -> "gelf";
                default -> throw new IllegalArgumentException(
                        "LOG_FORMAT must be text, json, ecs, logstash or gelf, not '" + format + "'");
            };
            if (structured != null) {
                settings.put("logging.structured.format.console", structured);
            }
        }
        String traces = blankToNull(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        String base = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (traces == null && base != null) {
            traces = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
        }
        if (traces != null) {
            settings.put("management.opentelemetry.tracing.export.otlp.endpoint", traces);
        }
        // the trace stays in the Reactor context; our log lines in reactive chains restore it themselves (InTrace)
        String propagation = blankToNull(env.get("REACTOR_CONTEXT_PROPAGATION"));
        if (propagation != null && !List.of("auto", "limited").contains(propagation.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "REACTOR_CONTEXT_PROPAGATION must be auto or limited, not '" + propagation + "'");
        }
        settings.put("spring.reactor.context-propagation",
                propagation != null ? propagation.toLowerCase(Locale.ROOT) : "limited");
        String managementPort = blankToNull(env.get("MANAGEMENT_PORT"));
        if (managementPort != null) {
            settings.put("management.server.port", managementPort);
        }
        String probability = blankToNull(env.get("TRACING_SAMPLING_PROBABILITY"));
        settings.put("management.tracing.sampling.probability", probability != null ? probability : "1.0");
        return settings;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
