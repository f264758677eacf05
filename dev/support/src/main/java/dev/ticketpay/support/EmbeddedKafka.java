package dev.ticketpay.support;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker in KRaft mode, in this JVM.
 *
 * <p>{@link #start()} is the throw-away broker of the tests. {@link #startRestartable(Path)} runs a combined
 * broker and controller on a log directory of its own and fixed ports, so {@link #stop()} and
 * {@link #restart()} can take it down and bring a new one up on the same log directory (KRaft keeps the
 * cluster's metadata there: topics, committed offsets and producer state survive) and the same port.
 */
public final class EmbeddedKafka implements KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    /** The broker settings the tests rely on; a Kafka container gets the same. */
    static final Map<String, String> BROKER_PROPERTIES = Map.of(
            "auto.create.topics.enable", "true",
            "num.partitions", "3",
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0");

    private final EmbeddedKafkaKraftBroker broker;
    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
        this.logDirectory = null;
        this.port = portOf(broker.getBrokersAsString());
        this.controllerPort = 0;
    }

    private EmbeddedKafka(Path logDirectory, int port, int controllerPort) {
        this.broker = null;
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on a free port. Topics are created by the services. */
    public static EmbeddedKafka start() {
        var broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(BROKER_PROPERTIES);
        broker.afterPropertiesSet();
        return new EmbeddedKafka(broker);
    }

    /**
     * Formats {@code logDirectory} (which must be empty or missing) and starts a broker on it, on free ports
     * that it keeps across {@link #restart()}.
     */
    public static EmbeddedKafka startRestartable(Path logDirectory) {
        return startRestartable(logDirectory, 0);
    }

    /**
     * As {@link #startRestartable(Path)}, the broker on {@code port} (0: a free one), e.g. Kafka's usual 9092 for
     * other teams' consumers ({@link EmbeddedKafkaKraftBroker} always takes free ports).
     */
    public static EmbeddedKafka startRestartable(Path logDirectory, int port) {
        try {
            Files.createDirectories(logDirectory);
            try (var files = Files.list(logDirectory)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalArgumentException("Kafka log directory is not empty: " + logDirectory);
                }
            }
            var kafka = new EmbeddedKafka(logDirectory, port == 0 ? FreePorts.take() : port, FreePorts.take());
            // a fatal error in the broker must fail the test, not end the test JVM
            Exit.setExitProcedure((status, message) -> log.error("Kafka asked to exit({}): {}", status, message));
            Exit.setHaltProcedure((status, message) -> log.error("Kafka asked to halt({}): {}", status, message));
            new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
            kafka.launch();
            return kafka;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDirectory, e);
        }
    }

    private synchronized void launch() {
        var props = new Properties();
        props.putAll(BROKER_PROPERTIES);
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDirectory.toString());
        props.put("metadata.log.dir", logDirectory.toString());
        props.put("log.flush.interval.messages", "1");
        var started = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        started.startup();
        server = started;
    }

    /** Stops the broker (a controlled shutdown); the log directory stays. Only for a restartable broker. */
    public synchronized void stop() {
        requireRestartable();
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts a new broker on the same log directory and ports. Only for a restartable broker. */
    public synchronized void restart() {
        stop();
        launch();
    }

    public synchronized boolean running() {
        return broker != null || server != null;
    }

    private void requireRestartable() {
        if (logDirectory == null) {
            throw new IllegalStateException("this broker was not started with startRestartable");
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String bootstrapServers() {
        return broker != null ? broker.getBrokersAsString() : "localhost:" + port;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.destroy();
        }
        else {
            stop();
        }
    }

    private static int portOf(String servers) {
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
    }
}
