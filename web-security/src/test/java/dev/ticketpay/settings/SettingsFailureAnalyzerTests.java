package dev.ticketpay.settings;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SettingsFailureAnalyzerTests {

    /** A settings record that checks itself, as several of ours do. */
    record HoldSettings(Duration hold, String secret) {

        HoldSettings {
            if (hold.isNegative()) {
                throw new IllegalArgumentException("hold must not be negative");
            }
        }
    }

    static StandardEnvironment environment(Map<String, Object> yaml, Map<String, Object> set) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("set", set));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", yaml));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    static BindException bindFailure(StandardEnvironment environment) {
        return catchThrowableOfType(BindException.class,
                () -> Binder.get(environment).bind("ticketpay.reservation", Bindable.of(HoldSettings.class)));
    }

    @Test
    void namesTheVariableThePlaceholderReadsAndNotTheValue() {
        var environment = environment(Map.of("ticketpay.reservation.hold", "${TICKET_HOLD:30m}",
                "ticketpay.reservation.secret", "${SOME_SECRET:}"),
                Map.of("TICKET_HOLD", "-5m", "SOME_SECRET", "sk_live_dontPrintMe"));

        var analysis = new SettingsFailureAnalyzer(environment).analyze(bindFailure(environment));

        assertThat(analysis.getDescription()).contains("TICKET_HOLD", "ticketpay.reservation",
                "hold must not be negative").doesNotContain("-5m", "sk_live");
        assertThat(analysis.getAction()).startsWith("Set ").contains("TICKET_HOLD");
    }

    @Test
    void namesTheRelaxedVariableOfAPropertyWithoutPlaceholder() {
        var environment = environment(Map.of(), Map.of("ticketpay.reservation.hold", "-1s"));

        var analysis = new SettingsFailureAnalyzer(environment).analyze(bindFailure(environment));

        assertThat(analysis.getDescription()).contains("TICKETPAY_RESERVATION");
    }
}
