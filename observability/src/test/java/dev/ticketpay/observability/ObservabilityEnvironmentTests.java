package dev.ticketpay.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ObservabilityEnvironmentTests {

    @Test
    void plainTextNoExporterAndEveryTraceSampledByDefault() {
        assertThat(ObservabilityEnvironment.settings(Map.of()))
                .doesNotContainKey("logging.structured.format.console")
                .doesNotContainKey("management.opentelemetry.tracing.export.otlp.endpoint")
                .containsEntry("management.tracing.sampling.probability", "1.0")
                .containsEntry("spring.reactor.context-propagation", "limited");
        assertThat(ObservabilityEnvironment.settings(Map.of("LOG_FORMAT", "text")))
                .doesNotContainKey("logging.structured.format.console");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LOG_FORMAT                   | json     | logging.structured.format.console      | ecs",
        "LOG_FORMAT                   | LOGSTASH | logging.structured.format.console      | logstash",
        "TRACING_SAMPLING_PROBABILITY | 0.05     | management.tracing.sampling.probability | 0.05",
        "REACTOR_CONTEXT_PROPAGATION  | AUTO     | spring.reactor.context-propagation     | auto",
        "REACTOR_CONTEXT_PROPAGATION  | limited  | spring.reactor.context-propagation     | limited",
        "REACTOR_CONTEXT_PROPAGATION  | ' '      | spring.reactor.context-propagation     | limited"})
    void eachVariableBecomesBootsOwnSetting(String variable, String value, String setting, String expected) {
        assertThat(ObservabilityEnvironment.settings(Map.of(variable, value))).containsEntry(setting, expected);
    }

    @ParameterizedTest
    @CsvSource({"LOG_FORMAT, yaml", "REACTOR_CONTEXT_PROPAGATION, none"})
    void refusesAValueItDoesNotKnowNamingTheVariable(String variable, String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObservabilityEnvironment.settings(Map.of(variable, value)))
                .withMessageContaining(variable);
    }

    @Test
    void openTelemetryEndpointSwitchesTheExporterOn() {
        assertThat(ObservabilityEnvironment.settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318/")))
                .containsEntry("management.opentelemetry.tracing.export.otlp.endpoint", "http://otel:4318/v1/traces");
        assertThat(ObservabilityEnvironment.settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/v1/traces")))
                .containsEntry("management.opentelemetry.tracing.export.otlp.endpoint", "http://tempo:4318/v1/traces");
    }

    @Test
    void traceparentHasTheW3cShape() {
        assertThat(Traceparent.valid("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isTrue();
        assertThat(Traceparent.valid("00-0af7651916cd43dd8448eb211c80319c")).isFalse();
    }
}
