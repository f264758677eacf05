package dev.ticketpay.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ObservabilityEnvironmentTests {

    @Test
    void plainTextNoExporterAndEveryTraceSampledByDefault() {
        assertThat(ObservabilityEnvironment.settings(Map.of()))
                .doesNotContainKey("logging.structured.format.console")
                .doesNotContainKey("management.opentelemetry.tracing.export.otlp.endpoint")
                .containsEntry("management.tracing.sampling.probability", "1.0")
                .containsEntry("spring.reactor.context-propagation", "auto");
        assertThat(ObservabilityEnvironment.settings(Map.of("LOG_FORMAT", "text")))
                .doesNotContainKey("logging.structured.format.console");
    }

    @Test
    void logFormatPicksBootsStructuredConsoleFormat() {
        assertThat(ObservabilityEnvironment.settings(Map.of("LOG_FORMAT", "json")))
                .containsEntry("logging.structured.format.console", "ecs");
        assertThat(ObservabilityEnvironment.settings(Map.of("LOG_FORMAT", "LOGSTASH")))
                .containsEntry("logging.structured.format.console", "logstash");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObservabilityEnvironment.settings(Map.of("LOG_FORMAT", "yaml")))
                .withMessageContaining("LOG_FORMAT");
    }

    @Test
    void openTelemetryEndpointSwitchesTheExporterOn() {
        assertThat(ObservabilityEnvironment.settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318/")))
                .containsEntry("management.opentelemetry.tracing.export.otlp.endpoint", "http://otel:4318/v1/traces");
        assertThat(ObservabilityEnvironment.settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/v1/traces")))
                .containsEntry("management.opentelemetry.tracing.export.otlp.endpoint", "http://tempo:4318/v1/traces");
        assertThat(ObservabilityEnvironment.settings(Map.of("TRACING_SAMPLING_PROBABILITY", "0.05")))
                .containsEntry("management.tracing.sampling.probability", "0.05");
    }

    @Test
    void contextPropagationIsAutomaticUnlessLimitedIsAskedFor() {
        assertThat(ObservabilityEnvironment.settings(Map.of("REACTOR_CONTEXT_PROPAGATION", "LIMITED")))
                .containsEntry("spring.reactor.context-propagation", "limited");
        assertThat(ObservabilityEnvironment.settings(Map.of("REACTOR_CONTEXT_PROPAGATION", " ")))
                .containsEntry("spring.reactor.context-propagation", "auto");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObservabilityEnvironment.settings(Map.of("REACTOR_CONTEXT_PROPAGATION", "none")))
                .withMessageContaining("REACTOR_CONTEXT_PROPAGATION");
    }

    @Test
    void traceparentHasTheW3cShape() {
        assertThat(Traceparent.valid("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isTrue();
        assertThat(Traceparent.valid("00-0af7651916cd43dd8448eb211c80319c")).isFalse();
    }
}
