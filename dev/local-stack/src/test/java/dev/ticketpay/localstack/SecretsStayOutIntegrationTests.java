package dev.ticketpay.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.ticketpay.contracts.Topics;
import dev.ticketpay.support.Recorded;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other end-to-end test (see {@code junit-platform.properties}) and checks that the secrets
 * the stack handed to the services — the Stripe secret key, the webhook signing secret, the QR signing key —
 * appear in none of what those tests left behind: the services' logs, the records on every topic, the health
 * and other actuator answers.
 */
@Order(Integer.MAX_VALUE)
class SecretsStayOutIntegrationTests {

    static LocalStack stack;
    static Map<String, String> secrets;

    @BeforeAll
    static void stack() {
        stack = RunningStack.shared();
        secrets = stack.secrets();
        assertThat(secrets.values()).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(12));
    }

    @Test
    void noServiceLogContainsASecret() throws IOException {
        for (String process : processes()) {
            var logged = new StringBuilder();
            for (Path log : RunningStack.logFiles(process + ".")) {
                String text = String.join("\n", RunningStack.logLines(log));
                logged.append(text);
                assertNoSecretIn(log.toString(), text);
            }
            assertThat(logged).as(process + "'s logs, rolled over ones included").contains("Started");
        }
    }

    /**
     * The stack's processes also write their logs as JSON (Spring Boot's structured logging in the ECS format, the
     * form {@code LOG_FORMAT=json} gives the console): the check above read those files too; here they are shown to
     * be there for every process, one JSON object per line, with the trace ids of the work they describe.
     */
    @Test
    void theJsonLogsAreCheckedToo() throws IOException {
        boolean traced = false;
        for (String process : processes()) {
            List<Path> jsonLogs = RunningStack.logFiles(process + ".").stream().filter(RunningStack::isJsonLog)
                    .toList();
            int lineCount = 0;
            for (Path log : jsonLogs) {
                var lines = RunningStack.logLines(log);
                lineCount += lines.size();
                for (String line : lines) {
                    var entry = RunningStack.JSON.readTree(line);
                    assertThat(entry.has("@timestamp") && entry.has("message") && entry.path("log").has("level"))
                            .as(log + ": " + line).isTrue();
                    traced |= entry.has("traceId") && entry.has("spanId");
                }
                assertNoSecretIn(log.toString(), String.join("\n", lines));
            }
            assertThat(lineCount).as(process + "'s JSON log lines").isPositive();
        }
        assertThat(traced).as("some line was written inside a trace and carries its ids").isTrue();
    }

    /**
     * The processes that wrote logs (a file's name up to its first dot: {@code ticket-service-1.json.log},
     * {@code ticket-service-1.json.log.2026-11-30.0.gz}), every service among them.
     */
    private static List<String> processes() throws IOException {
        List<String> processes;
        try (Stream<Path> files = Files.list(stack.logDirectory())) {
            processes = files.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                    .map(name -> name.substring(0, name.indexOf('.'))).distinct().sorted().toList();
        }
        assertThat(processes)
                .anyMatch(name -> name.startsWith("payment-service"))
                .anyMatch(name -> name.startsWith("qr-service"))
                .anyMatch(name -> name.startsWith("gateway"))
                .anyMatch(name -> name.startsWith("ticket-service"));
        return processes;
    }

    @Test
    void noEventOnAnyTopicCarriesASecret() {
        var topics = Stream.of(Topics.TICKETS, Topics.PAYMENTS, Topics.QR_CODES)
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).toList();
        int read = 0;
        for (String topic : topics) {
            try (var recorded = new Recorded(stack.kafkaBootstrapServers(), topic)) {
                for (var record : recorded.untilNow()) {
                    read++;
                    var text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
                    record.headers().forEach(header -> text.append('\n').append(header.key()).append('=')
                            .append(new String(header.value(), StandardCharsets.UTF_8)));
                    assertNoSecretIn(topic + " record " + record.offset(), text.toString());
                }
            }
        }
        assertThat(read).as("the other journeys left events to check").isPositive();
    }

    @Test
    void actuatorShowsHealthOnlyAndNoSecret() {
        var settings = stack.settings();
        var ports = new ArrayList<Integer>(List.of(settings.paymentPort(), settings.qrPort()));
        IntStream.of(settings.ticketPorts()).forEach(ports::add);
        String admin = token("secrets-admin", "admin");
        for (int port : ports) {
            String base = "http://localhost:" + port;
            var health = get(base + "/actuator/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertNoSecretIn(base + "/actuator/health", health.body());
            for (String endpoint : List.of("env", "configprops", "beans", "heapdump", "loggers")) {
                var answer = get(base + "/actuator/" + endpoint, admin);
                assertThat(answer.status()).as(base + "/actuator/" + endpoint).isBetween(400, 499);
                assertNoSecretIn(base + "/actuator/" + endpoint, answer.body());
            }
        }
        var throughGateway = get(stack.gatewayUrl() + "/actuator/env", admin);
        assertThat(throughGateway.status()).isBetween(400, 499);
    }

    static void assertNoSecretIn(String where, String text) {
        secrets.forEach((name, secret) -> assertThat(text).as(name + " in " + where).doesNotContain(secret));
    }
}
