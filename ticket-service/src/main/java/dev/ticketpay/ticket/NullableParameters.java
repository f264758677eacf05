package dev.ticketpay.ticket;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Binds a statement parameter that may be null: R2DBC binds a null only with the column's type. */
public final class NullableParameters {

    public static <T> GenericExecuteSpec bind(GenericExecuteSpec statement, String name, T value, Class<T> type) {
        return value == null ? statement.bindNull(name, type) : statement.bind(name, value);
    }

    private NullableParameters() {
    }
}
