package dev.ticketpay.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.contracts.EventCatalog;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.Topics;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A listener's {@link Inbox.Receiver}: one effect per event type, and the types it handles are exactly those, so
 * a record of another known type is skipped on its {@code ce_type} header alone (no database, no body read). The
 * effect applied once per event is {@code MessagingIntegrationTests}' part.
 */
class InboxReceiverTests {

    /** No database and no transactions: a test that reached either would fail on them. */
    private final Inbox inbox = new Inbox(null, null, "receiver-tests", Duration.ofSeconds(1),
            ObservationRegistry.NOOP);

    @Test
    void aTypeHasOneEffect() {
        var receiver = inbox.receiver().on(TicketCancelled.class, cancelled -> Mono.empty());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> receiver.on(TicketCancelled.class, cancelled -> Mono.empty()))
                .withMessageContaining("TicketCancelled");
    }

    @Test
    void aRecordOfATypeWithoutEffectIsSkippedUnread() {
        var effects = new AtomicInteger();
        var receiver = inbox.receiver().on(TicketCancelled.class, cancelled -> Mono.fromRunnable(
                effects::incrementAndGet));
        var record = new ConsumerRecord<String, byte[]>(Topics.TICKETS, 0, 0, "1", "not even JSON".getBytes(
                StandardCharsets.UTF_8));
        record.headers().add("ce_type", EventCatalog.of(TicketConfirmed.class).type()
                .getBytes(StandardCharsets.UTF_8));

        receiver.receive(record);

        assertThat(effects).hasValue(0);
    }
}
