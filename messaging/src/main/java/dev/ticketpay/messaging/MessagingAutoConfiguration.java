package dev.ticketpay.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import dev.ticketpay.contracts.Topics;
import dev.ticketpay.messaging.web.DeadLetterController;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Wires the event mechanics into a service: byte-array CloudEvents records with an idempotent
 * {@code acks=all} producer, the outbox and its relay, the inbox, retries until success with only poison to the
 * dead-letter topics, the dead letters' store and operator endpoints, the topics themselves, database timeouts,
 * the retention job, and health indicators for Kafka, the messaging figures and the database's liveness.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, R2dbcAutoConfiguration.class})
@EnableConfigurationProperties({MessagingSettings.class, RetentionSettings.class, DatabaseSettings.class})
public class MessagingAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer cloudEventsProducer() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // the relay hands a whole batch over and waits for it; lingering only delays the batch
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 9_000));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer cloudEventsConsumer() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    @Bean
    @SuppressWarnings("unchecked")
    KafkaTemplate<String, byte[]> eventTemplate(ProducerFactory<?, ?> producers) {
        return new KafkaTemplate<>((ProducerFactory<String, byte[]>) producers);
    }

    /** Transient failures retried for ever with capped backoff, pausing only their partition; poison to the DLT. */
    @Bean
    DefaultErrorHandler eventErrorHandler(KafkaTemplate<String, byte[]> eventTemplate, MessagingSettings settings,
            ObjectProvider<ListenerContainerRegistry> registry) {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("kafka-backoff-");
        scheduler.initialize();
        var pauser = new ListenerContainerPauseService(registry.getIfAvailable(), scheduler);
        return DeliveryFailures.errorHandler(eventTemplate, settings, pauser);
    }

    /**
     * The topics and their dead-letter topics. Partitions and replication come from the environment
     * ({@code KAFKA_TOPIC_PARTITIONS}, {@code KAFKA_TOPIC_REPLICATION}); without them the broker's defaults apply.
     */
    @Bean
    KafkaAdmin.NewTopics eventTopics(MessagingSettings settings) {
        return new KafkaAdmin.NewTopics(Stream.of(Topics.TICKETS, Topics.PAYMENTS, Topics.QR_CODES)
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .map(topic -> {
                    var builder = TopicBuilder.name(topic);
                    if (settings.partitions() != null) {
                        builder.partitions(settings.partitions());
                    }
                    if (settings.replicas() != null) {
                        builder.replicas(settings.replicas());
                    }
                    return builder.build();
                })
                .toArray(NewTopic[]::new));
    }

    /** Connect timeout, keepalive, and server-side statement, lock and idle-in-transaction timeouts. */
    @Bean
    ConnectionFactoryOptionsBuilderCustomizer databaseTimeouts(DatabaseSettings settings) {
        return options -> options
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, settings.connectTimeout())
                .option(PostgresqlConnectionFactoryProvider.TCP_KEEPALIVE, true)
                .option(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT, settings.statementTimeout())
                .option(PostgresqlConnectionFactoryProvider.LOCK_WAIT_TIMEOUT, settings.lockTimeout())
                .option(PostgresqlConnectionFactoryProvider.OPTIONS, Map.of("idle_in_transaction_session_timeout",
                        settings.idleInTransactionTimeout().toMillis() + "ms"));
    }

    /**
     * The driver's connections closed on a thread of their own (r2dbc-postgresql can spin when a close runs inside its
     * delivery) and run without the caller's Reactor context (its thread locals cost CPU on every message).
     */
    @Bean
    ConnectionFactoryDecorator driverConnections() {
        return new DriverConnections();
    }

    @Bean
    DatabaseLiveness databaseLiveness(ConnectionFactory connectionFactory, DatabaseSettings settings) {
        return new DatabaseLiveness(connectionFactory, settings.livenessTimeout());
    }

    @Bean
    DeadLetters deadLetters(DatabaseClient db, KafkaTemplate<String, byte[]> eventTemplate,
            @Value("${spring.application.name}") String service) {
        return new DeadLetters(db, eventTemplate, service);
    }

    @Bean
    DeadLetterListener deadLetterListener(DeadLetters deadLetters, MessagingSettings settings) {
        return new DeadLetterListener(deadLetters, settings.databaseTimeout());
    }

    @Bean
    MessagingStatus messaging(DatabaseClient db, DeadLetters deadLetters, ObjectProvider<MeterRegistry> meters) {
        return new MessagingStatus(db, deadLetters, meters.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    ConsumerLag consumerLag(KafkaAdmin kafkaAdmin, ObjectProvider<ListenerContainerRegistry> listeners,
            ObjectProvider<MeterRegistry> meters) {
        return new ConsumerLag(kafkaAdmin, () -> listeners.stream()
                .flatMap(registry -> registry.getAllListenerContainers().stream())
                .map(container -> container.getGroupId())
                .filter(java.util.Objects::nonNull)
                .distinct().toList(), meters.getIfAvailable(), Duration.ofSeconds(5));
    }

    @Bean
    Repeating consumerLagJob(ConsumerLag lag) {
        var period = Duration.ofSeconds(15);
        return new Repeating("Reading the consumer lag", period, period, lag::read);
    }

    @Bean
    Repeating messagingFiguresJob(MessagingStatus status) {
        var period = Duration.ofSeconds(15);
        return new Repeating("Reading the messaging figures", period, period, status::read);
    }

    /**
     * The one clock of a service: every class that reads the time takes it, so that a test can move time for all of
     * them with a {@code Clock} bean of its own.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Retention retention(DatabaseClient db, RetentionSettings settings, ObjectProvider<Retention.Rule> rules,
            Clock clock) {
        return new Retention(db, settings, rules.orderedStream().toList(), clock);
    }

    @Bean
    Repeating retentionJob(Retention retention, RetentionSettings settings) {
        return new Repeating("Pruning old rows", settings.interval(), settings.interval(), retention::prune);
    }

    @Bean
    PostgresNotifications postgresNotifications(ConnectionFactory connectionFactory) {
        return new PostgresNotifications(connectionFactory);
    }

    @Bean
    Outbox outbox(DatabaseClient db) {
        return new Outbox(db);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, ReactiveTransactionManager transactionManager,
            KafkaTemplate<String, byte[]> eventTemplate, KafkaAdmin kafkaAdmin, MessagingSettings settings,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new OutboxRelay(db, TransactionalOperator.create(transactionManager), eventTemplate, kafkaAdmin,
                settings, tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    /** Drains the outbox on every commit's notification, and on a slow timer for what a notification missed. */
    @Bean
    Repeating outboxRelayJob(OutboxRelay relay, PostgresNotifications notifications, MessagingSettings settings) {
        return new Repeating("Publishing the outbox", settings.relayPollInterval(), Duration.ofMinutes(5),
                relay::drain).wakenBy(notifications.listen("outbox"));
    }

    @Bean
    Inbox inbox(DatabaseClient db, ReactiveTransactionManager transactionManager, MessagingSettings settings,
            @Value("${spring.application.name}") String consumer, ObjectProvider<ObservationRegistry> observations) {
        return new Inbox(db, TransactionalOperator.create(transactionManager), consumer, settings.databaseTimeout(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /**
     * The operators' dead-letter endpoints, in a service that serves HTTP. The service brings the web and
     * security libraries they build on (web-security); messaging only compiles against them.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "dev.ticketpay.web.ApiException")
    static class DeadLetterOperations {

        @Bean
        DeadLetterController deadLetterController(DeadLetters deadLetters) {
            return new DeadLetterController(deadLetters);
        }
    }

    @Bean(destroyMethod = "close")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin, Duration.ofSeconds(3));
    }
}
