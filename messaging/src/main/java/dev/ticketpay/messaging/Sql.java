package dev.ticketpay.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.function.Supplier;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * What every hand-written R2DBC statement of the services needs besides its SQL: a nullable value bound as a typed
 * null (the driver must know the parameter's type even without a value) and timestamps as the
 * {@code timestamptz} the driver reads and writes ({@link OffsetDateTime} in UTC), kept as {@link Instant} in the
 * records.
 */
public final class Sql {

    /** Binds {@code value}, or a null of {@code type} when there is none. */
    public static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** Binds a nullable text. */
    public static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, String value) {
        return bindNullable(spec, name, value, String.class);
    }

    /** Binds a nullable instant as a {@code timestamptz}. */
    public static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, Instant value) {
        return bindNullable(spec, name, utc(value), OffsetDateTime.class);
    }

    /** An instant as the driver binds a {@code timestamptz}; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column as an instant; null when the column is. */
    public static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * The row an {@code insert … on conflict do nothing returning *} stored, read as {@code row}; when it stored
     * none (the row was there), the one there, as {@code existing} reads it. One round trip where a row is new.
     */
    public static <T> Mono<T> storedOrExisting(GenericExecuteSpec insertReturning, Function<Readable, T> row,
            Supplier<Mono<T>> existing) {
        return insertReturning.map(row).one().switchIfEmpty(Mono.defer(existing));
    }

    private Sql() {
    }
}
