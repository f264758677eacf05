package dev.ticketpay.payment.intent.web;

import java.util.UUID;
import java.util.regex.Pattern;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * {@code POST /api/v1/payments/intent}'s body, checked as it is read: {@code order_id} a UUID, and
 * {@code customer_email}, when given, an e-mail address Stripe can send a receipt to.
 */
record IntentRequest(String orderId, String customerEmail) {

    /** Deliberately loose (Stripe checks further); rejects what can never be an address. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    IntentRequest {
        order(orderId);
        if (customerEmail != null && !customerEmail.isBlank()
                && (customerEmail.length() > 254 || !EMAIL.matcher(customerEmail.strip()).matches())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "customer_email is not a valid e-mail address.",
                    "customer_email");
        }
    }

    UUID order() {
        return order(orderId);
    }

    /** Null when none was given. */
    String email() {
        return customerEmail == null || customerEmail.isBlank() ? null : customerEmail.strip();
    }

    private static UUID order(String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "order_id is required.", "order_id");
        }
        try {
            UUID id = UUID.fromString(value.strip());
            // UUID.fromString also accepts shortened forms like 1-2-3-4-5; the API's ids are canonical
            if (!id.toString().equalsIgnoreCase(value.strip())) {
                throw new IllegalArgumentException(value);
            }
            return id;
        }
        catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "order_id must be a UUID.", "order_id");
        }
    }
}
