package dev.ticketpay.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL and Kafka stopped and started again keep their data and their port, as the fault suite needs. */
class RestartableInfrastructureTests {

    @Test
    void postgresRestartsOnTheSameDataAndPort() throws Exception {
        try (var postgres = EmbeddedPostgres.start(null)) {
            var db = postgres.database("restart_check");
            try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
                connection.createStatement().execute("create table kept (v text); insert into kept values ('yes')");
            }
            postgres.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()))
                    .as("connections are refused while it is down").isInstanceOf(java.sql.SQLException.class);
            assertThat(postgres.dataDirectory()).as("stopping keeps the data").isDirectory();
            postgres.restart();
            assertThat(postgres.port()).isEqualTo(db.port());
            try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                    var rows = connection.createStatement().executeQuery("select v from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("yes");
            }
            Path data = postgres.dataDirectory();
            postgres.close();
            assertThat(Files.exists(data)).as("a temporary cluster is deleted on close").isFalse();
        }
    }

    @Test
    void kafkaRestartsOnTheSameLogDirectoryAndPort(@TempDir Path logs) {
        try (var kafka = EmbeddedKafka.startRestartable(logs.resolve("kafka"))) {
            String servers = kafka.bootstrapServers();
            send(servers, "restart.check", "before");
            kafka.stop();
            kafka.restart();
            assertThat(kafka.bootstrapServers()).isEqualTo(servers);
            send(servers, "restart.check", "after");
            assertThat(readAll(servers, "restart.check")).containsExactly("before", "after");
        }
    }

    private static void send(String servers, String topic, String value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", servers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readAll(String servers, String topic) {
        var props = new Properties();
        props.put("bootstrap.servers", servers);
        props.put("group.id", "restart-check");
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var values = new java.util.ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }
}
