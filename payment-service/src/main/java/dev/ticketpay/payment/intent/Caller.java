package dev.ticketpay.payment.intent;

/** Who is asking: the token's subject, whether they are an admin, and the token itself (relayed to ticket-service). */
public record Caller(String userId, boolean admin, String token) {
}
