package dev.ticketpay.gateway.docs;

import dev.ticketpay.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway refuses to start with a wrong setting, and says which environment variable to fix. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSettingsTests {

    @Test
    void aZeroTimeoutStopsStartUpNamingItsVariable(CapturedOutput output) {
        var gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .properties("API_DOCS_TIMEOUT=0s", "server.port=0", "spring.main.banner-mode=off");

        assertThatThrownBy(gateway::run).hasStackTraceContaining("ticketpay.api-docs");
        assertThat(output).contains("APPLICATION FAILED TO START", "API_DOCS_TIMEOUT (ticketpay.api-docs.timeout)",
                "Set API_DOCS_TIMEOUT to a valid value");
    }
}
