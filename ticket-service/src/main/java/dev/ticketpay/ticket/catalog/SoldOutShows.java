package dev.ticketpay.ticket.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.ticketpay.messaging.PostgresNotifications;
import dev.ticketpay.ticket.NotificationSubscription;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What this instance last learned about events that had too few seats for a buyer, so that in a sell-out the
 * buyers who come too late are refused from memory: no transaction, no statement, no row lock on the event. The
 * memory only ever refuses; seats are still taken by the one conditional update in {@link Shows#take}.
 *
 * <p>An entry is forgotten as soon as seats of its event come back on sale (a cancel, an expiry, a larger
 * capacity): a trigger on {@code events} notifies every instance on {@code seats_back}. It is also forgotten after
 * {@code ticketpay.reservation.sold-out-memory} (1 s) in any case, which bounds how long a notification lost while
 * the listening connection reconnects can keep returned seats off sale.
 */
@Component
public class SoldOutShows extends NotificationSubscription {

    private record Known(int available, long rememberedAt) {
    }

    private final Map<Long, Known> known = new ConcurrentHashMap<>();
    /** How many times seats came back; see {@link #remember}. */
    private final AtomicLong forgotten = new AtomicLong();
    private final long memoryNanos;
    private final LongSupplier nanoTime;

    @Autowired
    SoldOutShows(PostgresNotifications notifications,
            @Value("${ticketpay.reservation.sold-out-memory:1s}") Duration memory) {
        this(notifications, memory, System::nanoTime);
    }

    SoldOutShows(PostgresNotifications notifications, Duration memory, LongSupplier nanoTime) {
        super(notifications, "seats_back");
        this.memoryNanos = memory.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The seats left when this instance last looked, if that is recent and fewer than {@code quantity}. */
    public OptionalInt tooFewFor(long eventId, int quantity) {
        Known entry = known.get(eventId);
        if (entry == null || entry.available() >= quantity) {
            return OptionalInt.empty();
        }
        if (nanoTime.getAsLong() - entry.rememberedAt() > memoryNanos) {
            known.remove(eventId, entry);
            return OptionalInt.empty();
        }
        return OptionalInt.of(entry.available());
    }

    /** Taken before reading the seats left, for {@link #remember}. */
    public long epoch() {
        return forgotten.get();
    }

    /**
     * A purchase of this event was just refused: {@code available} seats were left. Not remembered when seats of
     * any event came back since {@code epochBeforeReading}: that notification may be about seats this read missed.
     */
    public void remember(long eventId, int available, long epochBeforeReading) {
        var entry = new Known(available, nanoTime.getAsLong());
        known.put(eventId, entry);
        if (forgotten.get() != epochBeforeReading) {
            known.remove(eventId, entry);
        }
    }

    /** Seats of this event came back on sale. */
    public void forget(long eventId) {
        forgotten.incrementAndGet();
        known.remove(eventId);
    }

    @Override
    protected void onNotification(String showId) {
        forget(Long.parseLong(showId));
    }

    @Override
    protected void onStop() {
        known.clear();
    }
}
