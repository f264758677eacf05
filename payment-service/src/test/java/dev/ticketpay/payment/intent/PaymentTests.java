package dev.ticketpay.payment.intent;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.payment.PaymentStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PaymentTests {

    private final Order order = new Order(UUID.randomUUID(), 7, "hanako", "hanako@example.com", 3000, "jpy",
            Instant.now().plusSeconds(600), Order.RESERVED, TicketReserved.PAYMENT_INTENT);
    private final Payment pending = Payment.forOrder(order, null);

    @Test
    void aDeclinedPaymentMayBeTriedAgainAndThenSucceed() {
        var failed = pending.failed();
        assertThat(failed.canFail()).isFalse();
        assertThat(failed.retried().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(failed.processing().succeeded().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void succeededIsFinalExceptForARefund() {
        var succeeded = pending.processing().succeeded();
        assertThat(succeeded.canSucceed()).isFalse();
        assertThat(succeeded.canFail()).isFalse();
        assertThat(succeeded.canProcess()).isFalse();
        assertThat(succeeded.canBeCancelled()).isFalse();
        assertThatIllegalStateException().isThrownBy(succeeded::failed).withMessageContaining("SUCCEEDED");
        var refunded = succeeded.refunded();
        assertThat(refunded.canBeRefunded()).isFalse();
        assertThat(refunded.canSucceed()).isFalse();
    }

    @Test
    void aCancelledPaymentStillReportsMoneyTaken() {
        var cancelled = pending.cancelled();
        assertThat(cancelled.canBeCancelled()).isFalse();
        assertThat(cancelled.canSucceed()).isTrue();
    }

    @Test
    void anOlderStripeEventIsOutdated() {
        var applied = new Payment(pending.paymentId(), pending.orderId(), 7, "hanako", "pi_1", 3000, "jpy", null,
                PaymentStatus.PROCESSING, Instant.ofEpochSecond(100), null, null);
        assertThat(applied.isOutdatedBy(Instant.ofEpochSecond(99))).isTrue();
        assertThat(applied.isOutdatedBy(Instant.ofEpochSecond(100))).isFalse();
        assertThat(pending.isOutdatedBy(Instant.ofEpochSecond(1))).isFalse();
    }

    @Test
    void onlyAReservedPaidIntentOrderWithinItsHoldIsPayable() {
        var now = Instant.now();
        assertThat(order.notPayable(now)).isEmpty();
        assertThat(new Order(order.orderId(), 7, "hanako", null, 0, "jpy", order.expiresAt(), Order.RESERVED,
                TicketReserved.PAYMENT_INTENT).notPayable(now))
                .hasValueSatisfying(why -> assertThat(why).contains("free"));
        assertThat(new Order(order.orderId(), 7, "hanako", null, 3000, "jpy", order.expiresAt(), Order.RESERVED,
                TicketReserved.CHECKOUT).notPayable(now)).isPresent();
        assertThat(new Order(order.orderId(), 7, "hanako", null, 3000, "jpy", order.expiresAt(), Order.CANCELLED,
                TicketReserved.PAYMENT_INTENT).notPayable(now)).isPresent();
        assertThat(order.notPayable(order.expiresAt())).hasValueSatisfying(why -> assertThat(why).contains("expired"));
    }
}
