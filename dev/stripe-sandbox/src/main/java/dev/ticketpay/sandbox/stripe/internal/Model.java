package dev.ticketpay.sandbox.stripe.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's stored Stripe objects. They are mutable and only touched while holding the
 * {@link SandboxState} lock; what leaves the sandbox is always a rendered JSON copy.
 */
public final class Model {

    private Model() {}

    /** A line item of a Checkout Session, built from {@code price_data}. */
    public record LineItem(
            String id,
            String priceId,
            String productId,
            String name,
            String description,
            long unitAmount,
            long quantity,
            String currency,
            String taxBehavior) {

        public long amount() {
            return unitAmount * quantity;
        }
    }

    /** A Checkout Session in {@code payment} mode. */
    public static final class CheckoutSession {
        public String id;
        public long created;
        public long expiresAt;
        public String status = "open";
        public String paymentStatus = "unpaid";
        public String currency;
        public long amountTotal;
        public List<LineItem> lineItems = new ArrayList<>();
        public String successUrl;
        public String cancelUrl;
        public String clientReferenceId;
        public Map<String, String> metadata = new LinkedHashMap<>();
        public String customerEmail;
        public String customerDetailsEmail;
        public String locale;
        public String submitType;
        public List<String> paymentMethodTypes = List.of("card");
        public String paymentIntentId;
        public Map<String, String> paymentIntentMetadata = new LinkedHashMap<>();
        public String paymentIntentDescription;
        public String paymentIntentReceiptEmail;
        public String paymentIntentStatementDescriptor;
        public String paymentIntentStatementDescriptorSuffix;
    }

    /** A PaymentIntent, created by the API or by paying a Checkout Session. */
    public static final class PaymentIntent {
        public String id;
        public String clientSecret;
        public long created;
        public long amount;
        public String currency;
        public String status;
        public Map<String, String> metadata = new LinkedHashMap<>();
        public String receiptEmail;
        public String description;
        public String statementDescriptor;
        public String statementDescriptorSuffix;
        public String paymentMethodId;
        public String latestChargeId;
        public ObjectNode lastPaymentError;
        public Long canceledAt;
        public String cancellationReason;
        public long amountReceived;
        public boolean automaticPaymentMethods = true;
        public List<String> paymentMethodTypes = List.of("card");
        public String checkoutSessionId;
    }

    /** A card PaymentMethod created from a test token or a number typed on the hosted page. */
    public static final class PaymentMethod {
        public String id;
        public long created;
        public TestCards.Card card;
        public String email;
    }

    /** A charge attempt: succeeded or failed, never pending in the sandbox. */
    public static final class Charge {
        public String id;
        public long created;
        public long amount;
        public String currency;
        public String status;
        public String paymentIntentId;
        public String paymentMethodId;
        public TestCards.Card card;
        public TestCards.Decline decline;
        public Map<String, String> metadata = new LinkedHashMap<>();
        public String description;
        public String receiptEmail;
        public String balanceTransactionId;
        public long amountRefunded;
        public List<String> refundIds = new ArrayList<>();
        public boolean disputed;
        public String billingEmail;
    }

    /** A refund, which the sandbox settles at once. */
    public static final class Refund {
        public String id;
        public long created;
        public long amount;
        public String currency;
        public String chargeId;
        public String paymentIntentId;
        public Map<String, String> metadata = new LinkedHashMap<>();
        public String reason;
        public String balanceTransactionId;
    }

    /** A dispute (chargeback) the buyer's bank opened on a charge; opened and closed through the control API. */
    public static final class Dispute {
        public String id;
        public long created;
        public String chargeId;
        public String paymentIntentId;
        public long amount;
        public String currency;
        public String reason;
        public String status;
    }

    /** An event: its data object is a snapshot taken when it happened. */
    public static final class Event {
        public String id;
        public long created;
        public long sequence;
        public String type;
        public ObjectNode dataObject;
        public String requestId;
        public String idempotencyKey;
        public AtomicInteger pendingWebhooks;
        public String payload;
    }
}
