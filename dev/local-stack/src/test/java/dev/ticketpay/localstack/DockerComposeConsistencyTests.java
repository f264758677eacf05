package dev.ticketpay.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it honest: its service names, ports,
 * environment keys and databases must match what the services read from their configuration.
 */
class DockerComposeConsistencyTests {

    private static final Path ROOT = ServiceConfiguration.ROOT;
    private static final Map<String, Integer> PORTS = Map.of("ticket-service", 8081, "payment-service", 8082,
            "qr-service", 8083, "gateway", 8000);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) throws IOException {
        return (Map<String, Object>) service(name).get("environment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void everyEnvironmentKeyIsOneTheServiceReads(String name) throws IOException {
        assertThat(ServiceConfiguration.variables(name).keySet()).containsAll(environment(name).keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void servesOnThePortItsConfigurationDefaultsTo(String name) throws IOException {
        String config = Files.readString(ROOT.resolve(name).resolve("src/main/resources/application.yml"));
        assertThat(config).contains("port: ${SERVER_PORT:" + PORTS.get(name) + "}");
        assertThat(environment(name).get("SERVER_PORT")).isEqualTo(Integer.toString(PORTS.get(name)));
    }

    @Test
    void eachServiceGetsTheDatabaseItsConfigurationNamesAndPostgresCreatesIt() throws IOException {
        String init = Files.readString(ROOT.resolve("dev/compose/init-databases.sql"));
        for (String name : List.of("ticket-service", "payment-service", "qr-service")) {
            String config = Files.readString(ROOT.resolve(name).resolve("src/main/resources/application.yml"));
            var declared = Pattern.compile("(?m)^DB_NAME: (\\w+)").matcher(config).results().findFirst()
                    .orElseThrow().group(1);
            assertThat(environment(name).get("DB_NAME")).as(name).isEqualTo(declared);
            assertThat(init).contains("create database " + declared + ";");
        }
    }

    @Test
    void theGatewayRoutesToTheComposeServicesOnTheirPorts() throws IOException {
        var env = environment("gateway");
        assertThat(env.get("TICKET_SERVICE_URL")).isEqualTo("http://ticket-service:8081");
        assertThat(env.get("PAYMENT_SERVICE_URL")).isEqualTo("http://payment-service:8082");
        assertThat(env.get("QR_SERVICE_URL")).isEqualTo("http://qr-service:8083");
        // the public API, and the management port with the metrics (application.yml: 8001)
        assertThat(service("gateway").get("ports")).isEqualTo(List.of("8000:8000", "8001:8001"));
    }

    @Test
    void servicesReachKafkaAndPostgresByTheirComposeNames() throws IOException {
        for (String name : List.of("ticket-service", "payment-service", "qr-service")) {
            var env = environment(name);
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(env.get("DB_HOST")).isEqualTo("postgres");
            assertThat(service("kafka")).isNotNull();
            assertThat(service("postgres")).isNotNull();
        }
    }
}
