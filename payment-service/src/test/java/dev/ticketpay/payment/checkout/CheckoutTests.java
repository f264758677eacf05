package dev.ticketpay.payment.checkout;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.payment.PaymentStatus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CheckoutTests {

    private final Checkout open = Checkout.creating(7, UUID.randomUUID(), "hanako", 3000, "jpy", Instant.now())
            .opened("cs_test_1", "http://stripe/checkout/cs_test_1");

    @Test
    void anOpenCheckoutCanBePaidOnce() {
        var paid = open.succeeded("pi_1");
        assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(paid.paymentIntentId()).isEqualTo("pi_1");
        assertThat(paid.canSucceed()).isFalse();
    }

    @Test
    void aCancelledOrFailedCheckoutStillReportsMoneyTaken() {
        assertThat(open.cancelled().canSucceed()).isTrue();
        assertThat(open.failed().canSucceed()).isTrue();
    }

    @Test
    void aPaidCheckoutNeitherFailsNorCancels() {
        var paid = open.succeeded("pi_1");
        assertThat(paid.isOpen()).isFalse();
        assertThatIllegalStateException().isThrownBy(paid::failed).withMessageContaining("succeeded");
        assertThatIllegalStateException().isThrownBy(paid::cancelled).withMessageContaining("succeeded");
    }

    @Test
    void onlyACheckoutBeingCreatedOpens() {
        assertThatIllegalStateException().isThrownBy(() -> open.opened("cs_test_2", "url"))
                .withMessageContaining("open");
    }
}
