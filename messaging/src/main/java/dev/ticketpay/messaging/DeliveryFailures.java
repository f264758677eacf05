package dev.ticketpay.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.ticketpay.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one place that decides what a failing consumed record is. Poison ({@link PoisonRecord}, or a record the
 * consumer could not even deserialize) goes to {@code <topic>.dlt} at once, with the reason in a header.
 * Everything else is transient — a database that is down or slow, Kafka, Stripe, a reset connection — and is
 * retried for as long as it takes, with capped exponential backoff: only its partition is paused meanwhile
 * (the consumer keeps polling, so it stays in its group), the record is never skipped and the partition's
 * order holds.
 */
public final class DeliveryFailures {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

    private DeliveryFailures() {
    }

    /**
     * The error handler every listener container uses.
     *
     * @param pauser pauses the failing record's partition for each backoff, instead of sleeping the consumer
     */
    static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, MessagingSettings settings,
            ListenerContainerPauseService pauser) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.addHeadersFunction((record, e) -> {
            var headers = new RecordHeaders();
            headers.add(new RecordHeader(PoisonRecord.REASON_HEADER,
                    reason(e).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        var backOff = new ExponentialBackOff(settings.retryBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxBackoff().toMillis());
        var partitionBackOff = new PartitionBackOff(pauser);
        var handler = new DefaultErrorHandler(recoverer, backOff, partitionBackOff);
        // replaces Spring Kafka's default list: a ClassCastException or NPE from our own code is retried (and
        // shouts in the log) rather than thrown away, since the record may be somebody's payment
        handler.setClassifications(Map.of(PoisonRecord.class, false, DeserializationException.class, false), true);
        handler.setRetryListeners(partitionBackOff);
        return handler;
    }

    /**
     * Pauses only the partition of the record that failed, for the backoff. Spring Kafka hands a back-off handler
     * the container but not the record, and tells the retry listeners about the record first, on the same
     * consumer thread: so the listener half notes the record's partition and the handler half pauses it.
     */
    private static final class PartitionBackOff implements BackOffHandler, RetryListener {

        private final ThreadLocal<TopicPartition> failedPartition = new ThreadLocal<>();
        private final ListenerContainerPauseService pauser;

        PartitionBackOff(ListenerContainerPauseService pauser) {
            this.pauser = pauser;
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            failedPartition.set(new TopicPartition(record.topic(), record.partition()));
            if (poison(ex).isEmpty()) {
                log.warn("Record {}-{}@{} failed (attempt {}), will retry: {}", record.topic(), record.partition(),
                        record.offset(), deliveryAttempt, rootMessage(ex));
            }
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
            log.error("Record {}-{}@{} is poison ({}), sent to {}: {}", record.topic(), record.partition(),
                    record.offset(), reason(ex), Topics.deadLetter(record.topic()), rootMessage(ex));
        }

        @Override
        public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
            TopicPartition partition = failedPartition.get();
            failedPartition.remove();
            if (container != null && partition != null) {
                pauser.pausePartition(container, partition, Duration.ofMillis(nextBackOff));
            }
            else {
                new DefaultBackOffHandler().onNextBackOff(container, exception, nextBackOff);
            }
        }
    }

    /** The poison in {@code failure}'s causes, if any. */
    static Optional<PoisonRecord> poison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecord poison) {
                return Optional.of(poison);
            }
        }
        return Optional.empty();
    }

    private static String reason(Throwable failure) {
        var poison = poison(failure);
        if (poison.isPresent()) {
            return poison.get().reason().value();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeserializationException) {
                return PoisonRecord.Reason.UNREADABLE.value();
            }
        }
        return "retries_exhausted";
    }

    /**
     * Whether Kafka refused a record for good, so sending it again can never work: it is too large, or its topic
     * or body is invalid. Anything else (broker away, timeouts, leader changes) passes.
     */
    static boolean isRefusedForGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidTopicException || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
