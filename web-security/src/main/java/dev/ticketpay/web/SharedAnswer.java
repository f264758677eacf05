package dev.ticketpay.web;

/**
 * The mark of an answer that holds for every caller: a service adds {@link #HEADER} (milliseconds) to an answer
 * that any authenticated caller sending the same request, by method, path and body, without an
 * {@code Idempotency-Key}, would get as well for that long (a purchase refused because the event is sold out). The
 * gateway keeps such an answer and gives it itself to the next callers with that request, without passing them
 * on, and takes the header off every answer on the paths it does this for, the only ones a service marks
 * ({@code SharedAnswers} in the gateway).
 */
public final class SharedAnswer {

    /** The header; its value is how long the answer holds, in milliseconds. */
    public static final String HEADER = "Ticketpay-Shared-For";

    private SharedAnswer() {
    }
}
