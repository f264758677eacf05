package dev.ticketpay.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.HttpStatus;

/**
 * A service's table of its domain failures as HTTP answers: each failure type with its status, and, where it
 * applies, the request field at fault and when the client may try again. The failures themselves are plain
 * exceptions that say what happened; this table, contributed by the service as a bean and read by
 * {@link ErrorAnswers}, is the one place that turns them into answers. The message is the failure's own.
 */
public final class FailureAnswers {

    private final List<Row<?>> rows;

    private FailureAnswers(List<Row<?>> rows) {
        this.rows = List.copyOf(rows);
    }

    /** An empty table, to be filled with {@link #answer}. */
    public static FailureAnswers table() {
        return new FailureAnswers(List.of());
    }

    /** {@code type} is answered with {@code status}. */
    public <T extends Throwable> FailureAnswers answer(Class<T> type, HttpStatus status) {
        return answer(type, status, failure -> null, failure -> null);
    }

    /** {@code type} is answered with {@code status}, naming {@code field} as the request field at fault. */
    public <T extends Throwable> FailureAnswers answer(Class<T> type, HttpStatus status, String field) {
        return answer(type, status, failure -> field, failure -> null);
    }

    /** The whole row: the field at fault and the {@code Retry-After} wait, each read from the failure (or null). */
    public <T extends Throwable> FailureAnswers answer(Class<T> type, HttpStatus status,
            Function<? super T, String> field, Function<? super T, Duration> retryAfter) {
        return with(new Row<>(type, status, field, retryAfter, failure -> null));
    }

    /**
     * {@code type} is answered with {@code status}, and, when {@code sharedFor} gives a duration for the failure,
     * marked as the answer every caller sending the same request gets for that long ({@link SharedAnswer}).
     */
    public <T extends Throwable> FailureAnswers answerShared(Class<T> type, HttpStatus status,
            Function<? super T, Duration> sharedFor) {
        return with(new Row<>(type, status, failure -> null, failure -> null, sharedFor));
    }

    private FailureAnswers with(Row<?> row) {
        var more = new ArrayList<Row<?>>(rows);
        more.add(row);
        return new FailureAnswers(more);
    }

    /** The answer to {@code failure}, if it is one of the table's types. */
    public Optional<ApiException> answerTo(Throwable failure) {
        return rows.stream().filter(row -> row.type().isInstance(failure)).findFirst()
                .map(row -> row.answer(failure));
    }

    private record Row<T extends Throwable>(Class<T> type, HttpStatus status, Function<? super T, String> field,
            Function<? super T, Duration> retryAfter, Function<? super T, Duration> sharedFor) {

        ApiException answer(Throwable failure) {
            T typed = type.cast(failure);
            return new ApiException(status, failure.getMessage(), field.apply(typed), retryAfter.apply(typed),
                    sharedFor.apply(typed));
        }
    }
}
