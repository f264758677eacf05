package dev.ticketpay.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeSandboxEventsTests extends SandboxFixture {

    private void payThreeIntentsAndOneSession() throws Exception {
        for (int i = 0; i < 3; i++) {
            createIntent(PaymentIntentCreateParams.builder()
                    .setAmount(1000L + i)
                    .setCurrency("usd")
                    .putMetadata("n", Integer.toString(i))
                    .setPaymentMethod("pm_card_visa")
                    .setConfirm(true)
                    .build());
        }
        Session session = openSession(1000);
        payOnPage(session.getUrl(), "4242424242424242");
    }

    @Test
    void listIsNewestFirstAndFiltersByType() throws Exception {
        payThreeIntentsAndOneSession();

        StripeCollection<Event> all = stripe.v1().events().list();
        StripeCollection<Event> completed = listEvents(EventListParams.builder()
                .setType("checkout.session.completed")
                .build());

        assertThat(all.getObject()).isEqualTo("list");
        assertThat(all.getUrl()).isEqualTo("/v1/events");
        assertThat(all.getData())
                .extracting(Event::getType)
                .containsExactly(
                        "checkout.session.completed",
                        "payment_intent.succeeded",
                        "payment_intent.succeeded",
                        "payment_intent.succeeded",
                        "payment_intent.succeeded");
        assertThat(completed.getData()).singleElement().satisfies(event -> {
            assertThat(event.getApiVersion()).isEqualTo(com.stripe.Stripe.API_VERSION);
            Session data = dataOf(event, Session.class);
            assertThat(data.getPaymentStatus()).isEqualTo("paid");
            assertThat(data.getMetadata()).containsEntry("ticket_id", "31");
        });
        assertThat(listEvents(EventListParams.builder()
                        .setType("checkout.session.*")
                        .build())
                        .getData())
                .hasSize(1);
        assertThat(stripe.v1()
                        .events()
                        .retrieve(completed.getData().get(0).getId())
                        .getType())
                .isEqualTo("checkout.session.completed");
    }

    @Test
    void typesAndCreatedFiltersCombine() throws Exception {
        payThreeIntentsAndOneSession();
        long later = sandbox.clock().epochSecond() + 3600;
        sandbox.advanceClock(Duration.ofHours(1).plusSeconds(1));
        PaymentIntent canceled = unpaidIntent(1000L, "usd");
        stripe.v1().paymentIntents().cancel(canceled.getId());

        StripeCollection<Event> recent = listEvents(EventListParams.builder()
                .addType("payment_intent.canceled")
                .addType("payment_intent.succeeded")
                .setCreated(
                        EventListParams.Created.builder().setGte(later).build())
                .build());
        StripeCollection<Event> older = listEvents(EventListParams.builder()
                .setCreated(
                        EventListParams.Created.builder().setLt(later).build())
                .build());

        assertThat(recent.getData()).extracting(Event::getType).containsExactly("payment_intent.canceled");
        assertThat(older.getData()).hasSize(5);
        assertThatThrownBy(() -> listEvents(EventListParams.builder()
                        .setType("a")
                        .addType("b")
                        .build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void pagesWithLimitAndStartingAfterLikeStripe() throws Exception {
        payThreeIntentsAndOneSession();

        StripeCollection<Event> first =
                stripe.v1().events().list(EventListParams.builder().setLimit(2L).build());
        StripeCollection<Event> second = listEvents(EventListParams.builder()
                .setLimit(2L)
                .setStartingAfter(first.getData().get(1).getId())
                .build());
        StripeCollection<Event> last = listEvents(EventListParams.builder()
                .setLimit(2L)
                .setStartingAfter(second.getData().get(1).getId())
                .build());
        StripeCollection<Event> before = listEvents(EventListParams.builder()
                .setLimit(2L)
                .setEndingBefore(last.getData().get(0).getId())
                .build());

        assertThat(first.getHasMore()).isTrue();
        assertThat(second.getHasMore()).isTrue();
        assertThat(last.getHasMore()).isFalse();
        assertThat(last.getData()).hasSize(1);
        assertThat(before.getData())
                .extracting(Event::getId)
                .isEqualTo(second.getData().stream().map(Event::getId).toList());

        List<String> paged = new ArrayList<>();
        listEvents(EventListParams.builder().setLimit(2L).build())
                .autoPagingIterable()
                .forEach(e -> paged.add(e.getId()));
        assertThat(paged).hasSize(5).doesNotHaveDuplicates();
        assertThat(refused(() -> listEvents(EventListParams.builder().setLimit(101L).build())).getParam())
                .isEqualTo("limit");
    }
}
