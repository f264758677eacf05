package dev.ticketpay.payment.intent.web;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.web.ApiException;
import dev.ticketpay.payment.intent.Caller;
import dev.ticketpay.payment.intent.OrderPayments;
import dev.ticketpay.payment.intent.Payment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payments API v1 (seed 004): a PaymentIntent for an order, and a payment's details, in the
 * {@code {"status":"success","data":…}} envelope. Errors take the v1 error envelope from the shared error answers.
 */
@RestController
@Tag(name = "Payments API v1", description = "Seed 004: orders, PaymentIntents, the Stripe webhook, payments")
class PaymentController {

    record Success<T>(String status, T data) {

        static <T> Success<T> of(T data) {
            return new Success<>("success", data);
        }
    }

    record IntentCreated(UUID paymentId, String clientSecret, long amount, String currency, String status) {
    }

    record PaymentDetails(UUID id, UUID orderId, String stripePaymentIntentId, long amount, String currency,
            String status, Instant createdAt, Instant updatedAt) {

        static PaymentDetails of(Payment payment) {
            return new PaymentDetails(payment.paymentId(), payment.orderId(), payment.paymentIntentId(),
                    payment.amount(), payment.currency(), payment.status().value(), payment.createdAt(),
                    payment.updatedAt());
        }
    }

    private final OrderPayments payments;

    PaymentController(OrderPayments payments) {
        this.payments = payments;
    }

    /** 201 every time: a repeated call answers the same payment (see README). */
    @Operation(summary = "Create payment intent", description = "A Stripe PaymentIntent for the order's amount; "
            + "confirm it with Stripe Elements and the client_secret. Calling it again answers the same payment.")
    @ApiResponse(responseCode = "201", description = "Payment created")
    @ApiResponse(responseCode = "400", description = "Invalid order ID or order status")
    @ApiResponse(responseCode = "403", description = "Order does not belong to user")
    @ApiResponse(responseCode = "404", description = "Order not found")
    @ApiResponse(responseCode = "503", description = "Stripe's rate limit would keep the buyer waiting; retry after "
            + "Retry-After, the order stays payable")
    @PostMapping("/api/v1/payments/intent")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Success<IntentCreated>> intent(JwtAuthenticationToken token,
            @RequestBody(required = false) IntentRequest request) {
        if (request == null) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "order_id is required.", "order_id"));
        }
        return payments.intentFor(request.order(), request.email(), caller(token))
                .map(paid -> Success.of(new IntentCreated(paid.payment().paymentId(), paid.clientSecret(),
                        paid.payment().amount(), paid.payment().currency(), paid.payment().status().value())));
    }

    @Operation(summary = "Get payment details")
    @ApiResponse(responseCode = "200", description = "The payment; status is pending, processing, succeeded, "
            + "failed or cancelled (refunded may follow)")
    @ApiResponse(responseCode = "400", description = "Invalid payment ID format")
    @ApiResponse(responseCode = "403", description = "Payment does not belong to user")
    @ApiResponse(responseCode = "404", description = "Payment not found")
    @GetMapping("/api/v1/payments/{paymentId}")
    Mono<Success<PaymentDetails>> details(JwtAuthenticationToken token, @PathVariable String paymentId) {
        return Mono.fromCallable(() -> paymentId(paymentId))
                .flatMap(id -> payments.details(id, caller(token)))
                .map(PaymentDetails::of)
                .map(Success::of);
    }

    private static UUID paymentId(String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        }
        catch (IllegalArgumentException notAUuid) {
            // answered below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "payment_id must be a UUID.", "payment_id");
    }

    private static Caller caller(JwtAuthenticationToken token) {
        boolean admin = token.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
        return new Caller(token.getToken().getSubject(), admin, token.getToken().getTokenValue());
    }
}
