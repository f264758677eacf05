package dev.ticketpay.messaging;

import java.time.Duration;
import java.util.Map;

import dev.ticketpay.contracts.Topics;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Wires the event mechanics into a service: byte-array CloudEvents records with an idempotent
 * {@code acks=all} producer, the outbox and its relay, the inbox, retries then dead-letter topics, the
 * topics themselves and a Kafka health indicator.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, R2dbcAutoConfiguration.class})
@EnableConfigurationProperties(MessagingSettings.class)
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

    /** Retries a failing record with exponential backoff, then publishes it to {@code <topic>.dlt}. */
    @Bean
    DefaultErrorHandler eventErrorHandler(KafkaTemplate<String, byte[]> eventTemplate, MessagingSettings settings) {
        var recoverer = new DeadLetterPublishingRecoverer(eventTemplate,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        var backOff = new ExponentialBackOffWithMaxRetries(settings.retryAttempts() - 1);
        backOff.setInitialInterval(settings.retryBackoff().toMillis());
        backOff.setMultiplier(2.0);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(Inbox.UnreadableEvent.class);
        return handler;
    }

    @Bean
    KafkaAdmin.NewTopics eventTopics(MessagingSettings settings) {
        return new KafkaAdmin.NewTopics(java.util.stream.Stream.of(Topics.TICKETS, Topics.PAYMENTS, Topics.QR_CODES)
                .flatMap(topic -> java.util.stream.Stream.of(topic, Topics.deadLetter(topic)))
                .map(topic -> TopicBuilder.name(topic).partitions(settings.partitions())
                        .replicas(settings.replicas()).build())
                .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
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
            KafkaTemplate<String, byte[]> eventTemplate, KafkaAdmin kafkaAdmin, PostgresNotifications notifications,
            MessagingSettings settings) {
        return new OutboxRelay(db, TransactionalOperator.create(transactionManager), eventTemplate, kafkaAdmin,
                notifications, settings);
    }

    @Bean
    Inbox inbox(DatabaseClient db, ReactiveTransactionManager transactionManager,
            @Value("${spring.application.name}") String consumer) {
        return new Inbox(db, TransactionalOperator.create(transactionManager), consumer, Duration.ofSeconds(30));
    }

    /** The shared error answers, for services that serve HTTP. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.REACTIVE)
    static class Web {

        @Bean
        dev.ticketpay.messaging.web.ErrorAnswers errorAnswers() {
            return new dev.ticketpay.messaging.web.ErrorAnswers();
        }
    }

    @Bean(destroyMethod = "close")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin, Duration.ofSeconds(3));
    }

    /**
     * Token rules Spring Boot adds to the JWT decoder: the leeway on {@code exp} and {@code nbf} (in place of Spring
     * Security's 60-second default), and a subject, which names the owner of tickets, orders and payments.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.JwtTimestampValidator")
    static class TokenRules {

        @Bean
        JwtTimestampValidator tokenClockSkew(@Value("${ticketpay.security.clock-skew:30s}") Duration skew) {
            return new JwtTimestampValidator(skew);
        }

        @Bean
        JwtClaimValidator<String> tokenSubject() {
            return new JwtClaimValidator<>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank());
        }
    }
}
