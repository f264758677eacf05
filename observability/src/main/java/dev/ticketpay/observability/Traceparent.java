package dev.ticketpay.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import reactor.util.context.ContextView;

/**
 * The W3C {@code traceparent} of a span ({@code 00-<trace id>-<span id>-<flags>}), the form in which a trace
 * crosses a process: on HTTP requests, in the outbox with the row, on Kafka records.
 */
public final class Traceparent {

    /** The header's name, on HTTP and on Kafka records (as in the CloudEvents distributed-tracing extension). */
    public static final String HEADER = "traceparent";

    /**
     * The {@code traceparent} of the observation a reactive chain runs in (WebFlux's server observation, or one
     * a consumer put there), or null when it runs in none or tracing is off.
     */
    public static String of(ContextView context) {
        return of(context.<Observation>getOrDefault(ObservationThreadLocalAccessor.KEY, null));
    }

    /** The {@code traceparent} of the observation's span; null without one. */
    public static String of(Observation observation) {
        return observation == null || observation.isNoop() ? null : of(observation.getContextView());
    }

    /** The {@code traceparent} of the span of the observation with this context; null without one. */
    public static String of(Observation.ContextView context) {
        if (context == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : of(tracing.getSpan());
    }

    /** The span's {@code traceparent}; null for no span or a no-op one. */
    public static String of(Span span) {
        if (span == null || span.isNoop()) {
            return null;
        }
        TraceContext context = span.context();
        String traceId = context.traceId();
        String spanId = context.spanId();
        if (traceId == null || spanId == null || traceId.length() != 32 || spanId.length() != 16) {
            return null;
        }
        return "00-" + traceId + "-" + spanId + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** True when {@code value} has the shape of a version-00 {@code traceparent}. */
    public static boolean valid(String value) {
        return value != null && value.length() == 55 && value.startsWith("00-") && value.charAt(35) == '-'
                && value.charAt(52) == '-';
    }

    private Traceparent() {
    }
}
