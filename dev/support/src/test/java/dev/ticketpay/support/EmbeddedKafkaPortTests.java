package dev.ticketpay.support;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaPortTests {

    @Test
    void restartableBrokerListensOnTheAskedPort(@TempDir Path logs) throws Exception {
        int port = FreePorts.take();
        try (var kafka = EmbeddedKafka.startRestartable(logs, port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
            assertThat(nodes("localhost:" + port)).isEqualTo(1);
        }
    }

    private static int nodes(String bootstrapServers) throws Exception {
        var props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (var admin = AdminClient.create(props)) {
            return admin.describeCluster().nodes().get().size();
        }
    }
}
