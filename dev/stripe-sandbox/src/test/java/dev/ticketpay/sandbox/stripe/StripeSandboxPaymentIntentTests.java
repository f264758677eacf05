package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StripeSandboxPaymentIntentTests extends SandboxFixture {

    private PaymentIntent create(long amount, String currency) throws Exception {
        return createIntent(PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency(currency)
                .putMetadata("order_id", "8d9e")
                .putMetadata("ticket_id", "44")
                .setReceiptEmail("bob@example.com")
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .build());
    }

    @Test
    void createdIntentWaitsForAPaymentMethodAndCarriesMetadata() throws Exception {
        PaymentIntent intent = create(4200, "eur");

        assertThat(intent.getId()).startsWith("pi_");
        assertThat(intent.getObject()).isEqualTo("payment_intent");
        assertThat(intent.getClientSecret()).matches(intent.getId() + "_secret_[A-Za-z0-9]+");
        assertThat(intent.getStatus()).isEqualTo("requires_payment_method");
        assertThat(intent.getAmount()).isEqualTo(4200L);
        assertThat(intent.getCurrency()).isEqualTo("eur");
        assertThat(intent.getMetadata()).containsEntry("order_id", "8d9e").containsEntry("ticket_id", "44");
        assertThat(intent.getReceiptEmail()).isEqualTo("bob@example.com");
        assertThat(intent.getAutomaticPaymentMethods().getEnabled()).isTrue();
        assertThat(intent.getLatestCharge()).isNull();

        PaymentIntent retrieved = stripe.v1().paymentIntents().retrieve(intent.getId());
        assertThat(retrieved.getClientSecret()).isEqualTo(intent.getClientSecret());
        assertThat(retrieved.getMetadata()).isEqualTo(intent.getMetadata());
    }

    @Test
    void confirmingWithPmCardVisaSucceedsWithAChargeAndSendsPaymentIntentSucceeded() throws Exception {
        PaymentIntent intent = create(1500, "jpy");

        PaymentIntent confirmed = confirmWith(intent.getId(), "pm_card_visa");

        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
        assertThat(confirmed.getAmountReceived()).isEqualTo(1500L);
        assertThat(confirmed.getLatestCharge()).startsWith("ch_");
        assertThat(confirmed.getPaymentMethod()).startsWith("pm_").isNotEqualTo("pm_card_visa");
        PaymentIntent expanded = stripe.v1()
                .paymentIntents()
                .retrieve(
                        intent.getId(),
                        PaymentIntentRetrieveParams.builder()
                                .addExpand("latest_charge")
                                .addExpand("payment_method")
                                .build());
        assertThat(expanded.getLatestChargeObject().getAmount()).isEqualTo(1500L);
        assertThat(expanded.getLatestChargeObject().getCurrency()).isEqualTo("jpy");
        assertThat(expanded.getLatestChargeObject().getMetadata()).containsEntry("order_id", "8d9e");
        assertThat(expanded.getPaymentMethodObject().getCard().getBrand()).isEqualTo("visa");
        assertThat(stripe.v1().charges().retrieve(confirmed.getLatestCharge()).getStatus())
                .isEqualTo("succeeded");

        assertReceivedOnce("payment_intent.succeeded", event -> {
            PaymentIntent data = dataOf(event, PaymentIntent.class);
            assertThat(data.getId()).isEqualTo(intent.getId());
            assertThat(data.getMetadata()).containsEntry("order_id", "8d9e");
            assertThat(event.getRequest().getId())
                    .isEqualTo(confirmed
                            .getLastResponse()
                            .headers()
                            .firstValue("Request-Id")
                            .orElseThrow());
        });
    }

    @Test
    void declinedCardIsACardErrorCarryingTheIntentAndSendsPaymentFailed() throws Exception {
        PaymentIntent intent = create(2000, "usd");

        assertThatThrownBy(() -> confirmWith(intent.getId(), "pm_card_chargeDeclined"))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(402);
                    assertThat(e.getCode()).isEqualTo("card_declined");
                    assertThat(e.getDeclineCode()).isEqualTo("generic_decline");
                    assertThat(e.getCharge()).startsWith("ch_");
                    assertThat(e.getStripeError().getType()).isEqualTo("card_error");
                    assertThat(e.getStripeError().getPaymentIntent().getId()).isEqualTo(intent.getId());
                    assertThat(e.getStripeError().getPaymentIntent().getStatus())
                            .isEqualTo("requires_payment_method");
                    assertThat(e.getStripeError().getPaymentMethod().getCard().getLast4())
                            .isEqualTo("0002");
                });

        PaymentIntent after = stripe.v1().paymentIntents().retrieve(intent.getId());
        assertThat(after.getStatus()).isEqualTo("requires_payment_method");
        assertThat(after.getLastPaymentError().getCode()).isEqualTo("card_declined");
        assertThat(after.getLastPaymentError().getMessage()).isEqualTo("Your card was declined.");
        assertThat(stripe.v1().charges().retrieve(after.getLatestCharge()).getFailureCode())
                .isEqualTo("card_declined");
        assertReceivedOnce("payment_intent.payment_failed", event -> assertThat((dataOf(event, PaymentIntent.class))
                        .getLastPaymentError()
                        .getDeclineCode())
                .isEqualTo("generic_decline"));
    }

    @Test
    void insufficientFundsDeclineCodeComesThrough() throws Exception {
        PaymentIntent intent = create(2000, "usd");

        assertThatThrownBy(() -> confirmWith(intent.getId(), "pm_card_chargeDeclinedInsufficientFunds"))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.getDeclineCode()).isEqualTo("insufficient_funds");
                    assertThat(e.getMessage()).startsWith("Your card has insufficient funds.");
                });

        PaymentIntent retried = confirmWith(intent.getId(), "pm_card_visa");
        assertThat(retried.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void createWithConfirmTruePaysAtOnce() throws Exception {
        PaymentIntent intent = createIntent(PaymentIntentCreateParams.builder()
                .setAmount(990L)
                .setCurrency("usd")
                .setPaymentMethod("pm_card_visa")
                .setConfirm(true)
                .addPaymentMethodType("card")
                .build());

        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getPaymentMethodTypes()).containsExactly("card");
        assertThat(intent.getAutomaticPaymentMethods()).isNull();
    }

    @Test
    void cancelMovesAnUnpaidIntentToCanceledAndSendsPaymentIntentCanceled() throws Exception {
        PaymentIntent intent = create(2000, "usd");

        PaymentIntent canceled = stripe.v1()
                .paymentIntents()
                .cancel(
                        intent.getId(),
                        PaymentIntentCancelParams.builder()
                                .setCancellationReason(
                                        PaymentIntentCancelParams.CancellationReason.REQUESTED_BY_CUSTOMER)
                                .build());

        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCancellationReason()).isEqualTo("requested_by_customer");
        assertThat(canceled.getCanceledAt()).isNotNull();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(receiver.events(SECRET, "payment_intent.canceled"))
                        .extracting(Event::getType)
                        .hasSize(1));
        assertThat(refused(() -> confirmWith(intent.getId(), "pm_card_visa")).getCode())
                .isEqualTo("payment_intent_unexpected_state");
    }

    @Test
    void succeededIntentCannotBeCanceled() throws Exception {
        PaymentIntent intent = create(2000, "usd");
        confirmWith(intent.getId(), "pm_card_visa");

        InvalidRequestException refusal = refused(() -> stripe.v1().paymentIntents().cancel(intent.getId()));
        assertThat(refusal.getCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(refusal.getMessage()).contains("status of succeeded");
        assertThat(refusal.getStripeError().getPaymentIntent().getStatus())
                .isEqualTo("succeeded");
    }

    @Test
    void amountsAndCurrenciesAreValidatedAsStripeDoes() {
        InvalidRequestException tooSmall = refused(() -> create(30, "usd"));
        assertThat(tooSmall.getCode()).isEqualTo("amount_too_small");
        assertThat(tooSmall.getParam()).isEqualTo("amount");
        assertThatThrownBy(() -> create(49, "jpy"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("¥50");
        assertThat(refused(() -> create(1000, "xyz")).getParam()).isEqualTo("currency");
        assertThat(refused(() -> stripe.v1().paymentIntents().confirm("pi_missing")).getStatusCode())
                .isEqualTo(404);
        InvalidRequestException unknownMethod = refused(() -> createIntent(PaymentIntentCreateParams.builder()
                .setAmount(1000L)
                .setCurrency("usd")
                .setPaymentMethod("pm_card_bogus")
                .build()));
        assertThat(unknownMethod.getCode()).isEqualTo("resource_missing");
        assertThat(unknownMethod.getParam()).isEqualTo("payment_method");
    }

    @Test
    void confirmWithoutAPaymentMethodIsRefused() throws Exception {
        PaymentIntent intent = create(2000, "usd");

        assertThat(refused(() -> stripe.v1().paymentIntents().confirm(intent.getId())).getMessage())
                .contains("missing a payment method");
    }

    @Test
    void publishableKeyMayConfirmWithTheClientSecretOnly() throws Exception {
        PaymentIntent intent = create(2000, "usd");
        var browser = client("pk_test_frontend");

        assertThatThrownBy(() -> browser.v1()
                        .paymentIntents()
                        .create(PaymentIntentCreateParams.builder()
                                .setAmount(1000L)
                                .setCurrency("usd")
                                .build()))
                .isInstanceOf(com.stripe.exception.AuthenticationException.class);
        InvalidRequestException withoutSecret = refused(() -> browser.v1()
                .paymentIntents()
                .confirm(
                        intent.getId(),
                        PaymentIntentConfirmParams.builder()
                                .setPaymentMethod("pm_card_visa")
                                .build()));
        assertThat(withoutSecret.getParam()).isEqualTo("client_secret");

        PaymentIntent confirmed = browser.v1()
                .paymentIntents()
                .confirm(
                        intent.getId(),
                        PaymentIntentConfirmParams.builder()
                                .setPaymentMethod("pm_card_visa")
                                .putExtraParam("client_secret", intent.getClientSecret())
                                .build());
        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void aBrowserConfirmsWithTheCardTypedIntoItsFormAsStripeJsSendsIt() throws Exception {
        PaymentIntent declined = create(2000, "usd");
        var browser = client("pk_test_frontend");

        assertThatThrownBy(() -> browser.v1()
                        .paymentIntents()
                        .confirm(declined.getId(), typedCard(declined, "4000000000000002")))
                .isInstanceOfSatisfying(
                        com.stripe.exception.CardException.class,
                        e -> assertThat(e.getCode()).isEqualTo("card_declined"));
        assertThatThrownBy(() -> browser.v1()
                        .paymentIntents()
                        .confirm(declined.getId(), typedCard(declined, "4242424242424241")))
                .isInstanceOfSatisfying(
                        com.stripe.exception.CardException.class,
                        e -> assertThat(e.getCode()).isEqualTo("incorrect_number"));

        PaymentIntent paid =
                browser.v1().paymentIntents().confirm(declined.getId(), typedCard(declined, "4242 4242 4242 4242"));
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getPaymentMethod()).startsWith("pm_");
    }

    private static PaymentIntentConfirmParams typedCard(PaymentIntent intent, String number) {
        return PaymentIntentConfirmParams.builder()
                .putExtraParam("client_secret", intent.getClientSecret())
                .putExtraParam(
                        "payment_method_data",
                        java.util.Map.of(
                                "type",
                                "card",
                                "card",
                                java.util.Map.of(
                                        "number", number, "exp_month", "12", "exp_year", "2034", "cvc", "123")))
                .build();
    }

    @Test
    void metadataCanBeUpdated() throws Exception {
        PaymentIntent intent = create(2000, "usd");

        PaymentIntent updated = stripe.v1()
                .paymentIntents()
                .update(
                        intent.getId(),
                        com.stripe.param.PaymentIntentUpdateParams.builder()
                                .putMetadata("order_id", "")
                                .putMetadata("note", "vip")
                                .build());

        assertThat(updated.getMetadata())
                .containsOnly(java.util.Map.entry("ticket_id", "44"), java.util.Map.entry("note", "vip"));
    }
}
