package dev.ticketpay.ticket.reservation;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.ticket.TicketServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ticket-service refuses to start with a wrong setting, and says which environment variable to fix; its settings
 * are described for IDEs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsTests {

    @Test
    void aMaximumQuantityOfZeroStopsStartUpNamingItsVariable(CapturedOutput output) {
        Map<String, Object> properties = new HashMap<>();
        DevInfrastructure.shared().register((name, value) -> properties.put(name, value.get()), "tickets");
        properties.put("TICKET_MAX_QUANTITY", "0");
        properties.put("server.port", "0");
        var service = new SpringApplicationBuilder(TicketServiceApplication.class).properties(properties);

        assertThatThrownBy(service::run).hasStackTraceContaining("ticketpay.reservation");
        assertThat(output).contains("TICKET_MAX_QUANTITY (ticketpay.reservation.max-quantity): must be greater than 0",
                "Set TICKET_MAX_QUANTITY to a valid value");
    }

    @Test
    void settingsAreDescribedForIdes() throws Exception {
        var names = new StringBuilder();
        var metadata = getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
        while (metadata.hasMoreElements()) {
            try (var in = metadata.nextElement().openStream()) {
                names.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(names.toString()).contains("\"ticketpay.reservation.max-quantity\"",
                "\"ticketpay.messaging.retry-backoff\"", "\"ticketpay.database.statement-timeout\"");
    }
}
