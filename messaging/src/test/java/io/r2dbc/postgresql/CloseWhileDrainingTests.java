package io.r2dbc.postgresql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ticketpay.support.DevInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The r2dbc event-loop spin of issue 10, reproduced (r2dbc-postgresql 1.1.3): {@code BackendMessageSubscriber.close}
 * purges its buffer in a loop that waits for the {@code drain} flag, and a connection closed from inside the
 * driver's own delivery of a message (the delivering frame holds that flag) with later messages still buffered waits
 * for itself: the thread spins at 100 % for ever. Each probe runs in a JVM of its own, since the spinning thread can
 * only be ended with its JVM. The services close through {@code DriverConnections}, which the second test holds to.
 */
class CloseWhileDrainingTests {

    @Test
    void closingInsideTheDriversDeliverySpinsTheDeliveringThread() throws Exception {
        var probe = probe("inline");
        assertThat(String.join("\n", probe)).contains("PROBE stuck")
                .contains("ReactorNettyClient$BackendMessageSubscriber.close(")
                .contains("ReactorNettyClient.drainError(");
        // a thread that waited would burn nothing; this one runs the whole time it gets a core
        assertThat(cpuMillis(probe)).as("CPU burnt in 2 s by the closing thread").isGreaterThan(100);
    }

    @Test
    void theServicesCloseConnectionsOutsideTheDriversDelivery() throws Exception {
        var probe = probe("services");
        assertThat(String.join("\n", probe)).as("the delivering thread returned").contains("PROBE returned");
    }

    private static long cpuMillis(List<String> probe) {
        return probe.stream().filter(line -> line.contains("cpu-ms"))
                .map(line -> line.substring(line.indexOf("cpu-ms") + 7))
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
    }

    private static List<String> probe(String mode) throws IOException, InterruptedException {
        var database = DevInfrastructure.shared().postgres().database("close_probe");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CloseWhileDrainingProbe.class.getName(), "localhost", Integer.toString(database.port()),
                database.name(), database.username(), database.password(), mode).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        var lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        lines.stream().filter(line -> line.startsWith("PROBE")).forEach(System.out::println);
        return lines;
    }
}
