package dev.ticketpay.sandbox.stripe.internal;

import dev.ticketpay.sandbox.stripe.SandboxClock;
import dev.ticketpay.sandbox.stripe.internal.Model.Charge;
import dev.ticketpay.sandbox.stripe.internal.Model.CheckoutSession;
import dev.ticketpay.sandbox.stripe.internal.Model.Dispute;
import dev.ticketpay.sandbox.stripe.internal.Model.Event;
import dev.ticketpay.sandbox.stripe.internal.Model.LineItem;
import dev.ticketpay.sandbox.stripe.internal.Model.PaymentIntent;
import dev.ticketpay.sandbox.stripe.internal.Model.PaymentMethod;
import dev.ticketpay.sandbox.stripe.internal.Model.Refund;
import dev.ticketpay.sandbox.stripe.webhook.OutgoingEvent;
import dev.ticketpay.sandbox.stripe.webhook.WebhookDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * All sandbox state and the Stripe operations on it. One lock guards everything: operations are
 * pure in-memory work of microseconds, so a single lock is simpler than finer ones and still never
 * holds an event-loop thread noticeably. Events raised during an operation are handed to the
 * webhook dispatcher after the lock is released, in the order they happened.
 */
public final class SandboxState {

    /** Who caused a change, for the {@code request} field of the events it raises. */
    public record Ctx(String requestId, String idempotencyKey) {
        public static final Ctx NONE = new Ctx(null, null);
    }

    private static final long MIN_EXPIRY_SECONDS = 30 * 60;
    private static final long MAX_EXPIRY_SECONDS = 24 * 60 * 60;
    // Requests take a moment to travel; a client computing "now + 30 min" must not miss by a second.
    private static final long EXPIRY_SLACK_SECONDS = 10;

    private final ReentrantLock lock = new ReentrantLock();
    private final SandboxClock clock;
    private final WebhookDispatcher webhooks;
    private final Renderer renderer;
    private final Map<String, CheckoutSession> sessions = new LinkedHashMap<>();
    private final Map<String, PaymentIntent> intents = new LinkedHashMap<>();
    // in creation order, so their lists can answer newest first like Stripe
    private final Map<String, Charge> charges = new LinkedHashMap<>();
    private final Map<String, Refund> refunds = new LinkedHashMap<>();
    private final Map<String, Dispute> disputes = new HashMap<>();
    private final Map<String, PaymentMethod> paymentMethods = new HashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Event> eventsById = new HashMap<>();
    private final List<OutgoingEvent> outbox = new ArrayList<>();
    private long eventSequence;

    public SandboxState(SandboxClock clock, WebhookDispatcher webhooks, String publicBaseUrl) {
        this.clock = clock;
        this.webhooks = webhooks;
        this.renderer = new Renderer(publicBaseUrl, refunds::get);
    }

    /** Runs an operation under the lock, then sends the events it raised. */
    public <T> T locked(Supplier<T> operation) {
        List<OutgoingEvent> raised;
        lock.lock();
        try {
            return operation.get();
        } finally {
            raised = new ArrayList<>(outbox);
            outbox.clear();
            lock.unlock();
            raised.forEach(webhooks::dispatch);
        }
    }

    private long now() {
        return clock.epochSecond();
    }

    // ---------------------------------------------------------------- Checkout Sessions

    private static final Set<String> SESSION_CREATE_PARAMS = Set.of(
            "mode",
            "line_items",
            "success_url",
            "cancel_url",
            "client_reference_id",
            "metadata",
            "expires_at",
            "customer_email",
            "payment_intent_data",
            "payment_method_types",
            "currency",
            "locale",
            "submit_type",
            "ui_mode",
            "expand",
            // Accepted and ignored: presentation options that change nothing a test could observe.
            "billing_address_collection",
            "allow_promotion_codes",
            "phone_number_collection",
            "customer_creation",
            "consent_collection",
            "custom_text",
            "payment_method_options",
            "automatic_tax",
            "tax_id_collection",
            "after_expiration",
            "saved_payment_method_options",
            "adaptive_pricing",
            "payment_method_collection",
            "custom_fields",
            "branding_settings",
            "wallet_options");

    private static final Set<String> UNSUPPORTED_SESSION_PARAMS = Set.of(
            "customer",
            "discounts",
            "subscription_data",
            "setup_intent_data",
            "invoice_creation",
            "shipping_address_collection",
            "shipping_options",
            "return_url",
            "redirect_on_completion",
            "optional_items",
            "payment_method_configuration");

    public ObjectNode createCheckoutSession(Params p) {
        for (String key : p.keys()) {
            if (UNSUPPORTED_SESSION_PARAMS.contains(key)) {
                throw StripeApiException.invalid(
                        "The Stripe sandbox does not implement `" + key + "` for Checkout Sessions.", key);
            }
        }
        p.allowOnly(SESSION_CREATE_PARAMS);
        String mode = p.requiredString("mode");
        if (!mode.equals("payment")) {
            if (Set.of("subscription", "setup").contains(mode)) {
                throw StripeApiException.invalid(
                        "The Stripe sandbox supports only `mode=payment` Checkout Sessions.", "mode");
            }
            throw StripeApiException.invalid("Invalid mode: must be one of payment, setup, or subscription", "mode");
        }
        String uiMode = p.oneOf("ui_mode", Set.of("hosted", "embedded", "custom"));
        if (uiMode != null && !uiMode.equals("hosted")) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox supports only `ui_mode=hosted` Checkout Sessions.", "ui_mode");
        }
        String successUrl = url(p, "success_url");
        String cancelUrl = url(p, "cancel_url");
        String customerEmail = email(p, "customer_email");
        String clientReferenceId = p.string("client_reference_id");
        if (clientReferenceId != null && clientReferenceId.length() > 200) {
            throw StripeApiException.invalid(
                    "Invalid string: client_reference_id must be at most 200 characters", "client_reference_id");
        }
        Map<String, String> metadata = withoutEmpty(p.metadata("metadata"));
        for (String type : p.strings("payment_method_types")) {
            if (!type.equals("card")) {
                throw StripeApiException.invalid(
                        "The payment method type `" + type
                                + "` is not available in the Stripe sandbox; only `card` is.",
                        "payment_method_types");
            }
        }
        String locale = p.string("locale");
        String submitType = p.oneOf("submit_type", Set.of("auto", "book", "donate", "pay", "subscribe"));

        Params piData = p.object("payment_intent_data")
                .allowOnly(Set.of(
                        "metadata",
                        "description",
                        "receipt_email",
                        "statement_descriptor",
                        "statement_descriptor_suffix",
                        "capture_method",
                        "setup_future_usage"));
        String capture = piData.oneOf("capture_method", Set.of("automatic", "automatic_async", "manual"));
        if ("manual".equals(capture)) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox does not implement manual capture.", piData.name("capture_method"));
        }
        if (piData.has("setup_future_usage")) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox does not implement saving payment methods.", piData.name("setup_future_usage"));
        }

        List<Params> items = p.objects("line_items");
        if (items.isEmpty()) {
            throw StripeApiException.invalid(
                    "parameter_missing",
                    "You must provide at least one of `line_items` when `mode` is `payment`.",
                    "line_items");
        }
        String currency = p.string("currency") == null ? null : Currencies.parse(p.string("currency"), "currency");
        List<LineItem> lineItems = new ArrayList<>();
        long total = 0;
        for (Params item : items) {
            LineItem li = lineItem(item);
            if (currency == null) {
                currency = li.currency();
            } else if (!currency.equals(li.currency())) {
                throw StripeApiException.invalid(
                        "Line items must all have the same currency; " + li.currency() + " does not match " + currency
                                + ".",
                        item.name("price_data") + "[currency]");
            }
            lineItems.add(li);
            total = Math.addExact(total, li.amount());
        }
        if (total < Currencies.minimum(currency)) {
            throw StripeApiException.invalid(
                    "amount_too_small",
                    "The Checkout Session's total amount due must add up to at least "
                            + Currencies.minimumMessage(currency),
                    null);
        }
        if (total > Currencies.MAX_AMOUNT) {
            throw StripeApiException.invalid(
                    "amount_too_large",
                    "The Checkout Session's total amount due must be no more than "
                            + Currencies.format(Currencies.MAX_AMOUNT, currency) + " " + currency,
                    null);
        }

        long created = now();
        Long expiresAt = p.integer("expires_at");
        if (expiresAt == null) {
            expiresAt = created + MAX_EXPIRY_SECONDS;
        } else if (expiresAt < created + MIN_EXPIRY_SECONDS - EXPIRY_SLACK_SECONDS) {
            throw StripeApiException.invalid(
                    "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
                    "expires_at");
        } else if (expiresAt > created + MAX_EXPIRY_SECONDS + EXPIRY_SLACK_SECONDS) {
            throw StripeApiException.invalid(
                    "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
                    "expires_at");
        }

        CheckoutSession s = new CheckoutSession();
        s.id = Ids.checkoutSession();
        s.created = created;
        s.expiresAt = expiresAt;
        s.currency = currency;
        s.amountTotal = total;
        s.lineItems = lineItems;
        s.successUrl = substituteSessionId(successUrl, s.id);
        s.cancelUrl = substituteSessionId(cancelUrl, s.id);
        s.clientReferenceId = clientReferenceId;
        s.metadata = metadata;
        s.customerEmail = customerEmail;
        s.customerDetailsEmail = null;
        s.locale = locale;
        s.submitType = submitType;
        s.paymentIntentMetadata = withoutEmpty(piData.metadata("metadata"));
        s.paymentIntentDescription = piData.string("description");
        s.paymentIntentReceiptEmail = email(piData, "receipt_email");
        s.paymentIntentStatementDescriptor = piData.string("statement_descriptor");
        s.paymentIntentStatementDescriptorSuffix = piData.string("statement_descriptor_suffix");
        sessions.put(s.id, s);
        return renderer.session(s);
    }

    private LineItem lineItem(Params item) {
        item.allowOnly(
                Set.of("price", "price_data", "quantity", "adjustable_quantity", "tax_rates", "dynamic_tax_rates"));
        if (item.has("price")) {
            throw StripeApiException.noSuch("price", item.string("price"), item.name("price"));
        }
        if (!item.has("price_data")) {
            throw StripeApiException.invalid(
                    "parameter_missing",
                    "You must specify either `price` or `price_data` in "
                            + item.name("price_data").replace("[price_data]", "") + ".",
                    item.name("price_data"));
        }
        Params price = item.object("price_data")
                .allowOnly(Set.of(
                        "currency",
                        "product",
                        "product_data",
                        "unit_amount",
                        "unit_amount_decimal",
                        "tax_behavior",
                        "recurring"));
        if (price.has("recurring")) {
            throw StripeApiException.invalid(
                    "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode"
                            + " or use only one-time prices.",
                    price.name("recurring"));
        }
        String currency = Currencies.parse(price.requiredString("currency"), price.name("currency"));
        if (price.has("product")) {
            throw StripeApiException.noSuch("product", price.string("product"), price.name("product"));
        }
        Params product = price.object("product_data")
                .allowOnly(Set.of("name", "description", "images", "metadata", "tax_code", "unit_label"));
        if (!price.has("product_data")) {
            throw StripeApiException.missingParam(price.name("product_data"));
        }
        String name = product.requiredString("name");
        Long unitAmount = price.integer("unit_amount");
        if (unitAmount == null && price.string("unit_amount_decimal") != null) {
            try {
                unitAmount = new java.math.BigDecimal(price.string("unit_amount_decimal")).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw StripeApiException.invalid(
                        "The Stripe sandbox supports only whole-number unit_amount_decimal values.",
                        price.name("unit_amount_decimal"));
            }
        }
        if (unitAmount == null) {
            throw StripeApiException.missingParam(price.name("unit_amount"));
        }
        if (unitAmount < 0) {
            throw StripeApiException.invalid(
                    "This value must be greater than or equal to 0.", price.name("unit_amount"));
        }
        if (unitAmount > Currencies.MAX_AMOUNT) {
            throw StripeApiException.invalid(
                    "This value must be less than or equal to " + Currencies.MAX_AMOUNT + ".",
                    price.name("unit_amount"));
        }
        Long quantity = item.integer("quantity");
        if (quantity == null) {
            throw StripeApiException.invalid(
                    "parameter_missing",
                    "Quantity is required. Add `quantity` to `"
                            + item.name("quantity").replace("[quantity]", "") + "`",
                    item.name("quantity"));
        }
        if (quantity < 1) {
            throw StripeApiException.invalid("This value must be greater than or equal to 1.", item.name("quantity"));
        }
        String taxBehavior = price.oneOf("tax_behavior", Set.of("exclusive", "inclusive", "unspecified"));
        return new LineItem(
                Ids.next("li_"),
                Ids.next("price_"),
                Ids.next("prod_"),
                name,
                product.string("description"),
                unitAmount,
                quantity,
                currency,
                taxBehavior == null ? "unspecified" : taxBehavior);
    }

    private static String substituteSessionId(String url, String id) {
        return url == null ? null : url.replace("{CHECKOUT_SESSION_ID}", id);
    }

    private static String url(Params p, String key) {
        String value = p.string(key);
        if (value == null) {
            return null;
        }
        // Stripe accepts any absolute http(s) URL, including characters java.net.URI would reject.
        if (!value.matches("(?i)https?://[^\\s/?#]+[^\\s]*")) {
            throw StripeApiException.invalid("url_invalid", "Not a valid URL", p.name(key));
        }
        if (value.length() > 5000) {
            throw StripeApiException.invalid("url_invalid", "Not a valid URL", p.name(key));
        }
        return value;
    }

    private static String email(Params p, String key) {
        String value = p.string(key);
        if (value != null && !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw StripeApiException.invalid("email_invalid", "Invalid email address: " + value, p.name(key));
        }
        return value;
    }

    private static Map<String, String> withoutEmpty(Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private CheckoutSession session(String id, String param) {
        CheckoutSession s = sessions.get(id);
        if (s == null) {
            throw StripeApiException.noSuch("checkout.session", id, param);
        }
        expireIfDue(s);
        return s;
    }

    public ObjectNode retrieveCheckoutSession(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        return renderer.session(session(id, "session"));
    }

    public ObjectNode checkoutSessionLineItems(String id, Params p) {
        p.allowOnly(Set.of("expand", "limit", "starting_after", "ending_before"));
        return renderer.lineItems(session(id, "session"));
    }

    public ObjectNode listCheckoutSessions(Params p) {
        p.allowOnly(Set.of(
                "limit",
                "starting_after",
                "ending_before",
                "expand",
                "payment_intent",
                "status",
                "created",
                "customer_details"));
        String paymentIntent = p.string("payment_intent");
        String status = p.oneOf("status", Set.of("open", "complete", "expired"));
        Predicate<Long> created = createdFilter(p);
        List<ObjectNode> all = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<CheckoutSession> newestFirst = new ArrayList<>(sessions.values());
        java.util.Collections.reverse(newestFirst);
        for (CheckoutSession s : newestFirst) {
            expireIfDue(s);
            if (paymentIntent != null && !paymentIntent.equals(s.paymentIntentId)) {
                continue;
            }
            if (status != null && !status.equals(s.status)) {
                continue;
            }
            if (!created.test(s.created)) {
                continue;
            }
            all.add(renderer.session(s));
            ids.add(s.id);
        }
        return page(p, "/v1/checkout/sessions", all, ids, "checkout.session");
    }

    public ObjectNode expireCheckoutSession(String id, Params p, Ctx ctx) {
        p.allowOnly(Set.of("expand"));
        CheckoutSession s = session(id, "session");
        if (!"open".equals(s.status)) {
            throw StripeApiException.invalid(
                    "Only Checkout Sessions with a status in [\"open\"] can be expired. This session has a status of \""
                            + s.status + "\".",
                    null);
        }
        expire(s, ctx);
        return renderer.session(s);
    }

    /** Sessions past expires_at expire when looked at, even between two sweeps. */
    private void expireIfDue(CheckoutSession s) {
        if ("open".equals(s.status) && s.expiresAt <= now()) {
            expire(s, Ctx.NONE);
        }
    }

    private void expire(CheckoutSession s, Ctx ctx) {
        s.status = "expired";
        PaymentIntent pi = s.paymentIntentId == null ? null : intents.get(s.paymentIntentId);
        // Stripe cancels the PaymentIntent of a session that can no longer be paid.
        if (pi != null && CANCELABLE.contains(pi.status)) {
            pi.status = "canceled";
            pi.canceledAt = now();
            pi.cancellationReason = "abandoned";
            emit("payment_intent.canceled", renderer.paymentIntent(pi), ctx);
        }
        emit("checkout.session.expired", renderer.session(s), ctx);
    }

    /** Expires every open session past its expires_at; run by the sweeper and on clock advances. */
    public void sweepExpired() {
        locked(() -> {
            for (CheckoutSession s : sessions.values()) {
                expireIfDue(s);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- hosted page

    /** What the hosted page shows. */
    public record CheckoutView(
            String id,
            String status,
            String paymentStatus,
            String currency,
            long amountTotal,
            List<LineItem> lineItems,
            String successUrl,
            String cancelUrl,
            String customerEmail,
            ObjectNode lastPaymentError) {}

    /** Outcome of paying on the hosted page. */
    public enum PayOutcome {
        PAID,
        DECLINED,
        INVALID_NUMBER,
        NOT_FOUND,
        EXPIRED,
        ALREADY_COMPLETE
    }

    public record PayResult(PayOutcome outcome, CheckoutView view, TestCards.Decline decline) {}

    public CheckoutView checkoutView(String id) {
        return locked(() -> {
            CheckoutSession s = sessions.get(id);
            if (s == null) {
                return null;
            }
            expireIfDue(s);
            return view(s);
        });
    }

    private CheckoutView view(CheckoutSession s) {
        PaymentIntent pi = s.paymentIntentId == null ? null : intents.get(s.paymentIntentId);
        return new CheckoutView(
                s.id,
                s.status,
                s.paymentStatus,
                s.currency,
                s.amountTotal,
                List.copyOf(s.lineItems),
                s.successUrl,
                s.cancelUrl,
                s.customerEmail,
                pi == null || pi.lastPaymentError == null ? null : pi.lastPaymentError.deepCopy());
    }

    /** Pays a session with a typed card number, as the hosted page's form does. */
    public PayResult payCheckoutSession(String id, String cardNumber, String email) {
        return locked(() -> {
            CheckoutSession s = sessions.get(id);
            if (s == null) {
                return new PayResult(PayOutcome.NOT_FOUND, null, null);
            }
            expireIfDue(s);
            if ("expired".equals(s.status)) {
                return new PayResult(PayOutcome.EXPIRED, view(s), null);
            }
            if ("complete".equals(s.status)) {
                return new PayResult(PayOutcome.ALREADY_COMPLETE, view(s), null);
            }
            var card = TestCards.forNumber(cardNumber);
            if (card.isEmpty()) {
                return new PayResult(PayOutcome.INVALID_NUMBER, view(s), null);
            }
            String payerEmail = s.customerEmail != null ? s.customerEmail : blankToNull(email);
            PaymentIntent pi = sessionIntent(s);
            PaymentMethod pm = newPaymentMethod(card.get(), payerEmail);
            TestCards.Decline decline = attempt(pi, pm, Ctx.NONE);
            if (decline != null) {
                return new PayResult(PayOutcome.DECLINED, view(s), decline);
            }
            s.status = "complete";
            s.paymentStatus = "paid";
            s.customerDetailsEmail = payerEmail;
            emit("checkout.session.completed", renderer.session(s), Ctx.NONE);
            return new PayResult(PayOutcome.PAID, view(s), null);
        });
    }

    /** The session's PaymentIntent, made when the buyer first tries to pay, as Stripe does. */
    private PaymentIntent sessionIntent(CheckoutSession s) {
        PaymentIntent pi = s.paymentIntentId == null ? null : intents.get(s.paymentIntentId);
        if (pi == null) {
            pi = new PaymentIntent();
            pi.id = Ids.next("pi_");
            pi.clientSecret = pi.id + "_secret_" + Ids.random(25);
            pi.created = now();
            pi.amount = s.amountTotal;
            pi.currency = s.currency;
            pi.status = "requires_payment_method";
            pi.metadata = new LinkedHashMap<>(s.paymentIntentMetadata);
            pi.description = s.paymentIntentDescription;
            pi.receiptEmail = s.paymentIntentReceiptEmail;
            pi.statementDescriptor = s.paymentIntentStatementDescriptor;
            pi.statementDescriptorSuffix = s.paymentIntentStatementDescriptorSuffix;
            pi.automaticPaymentMethods = false;
            pi.paymentMethodTypes = List.copyOf(s.paymentMethodTypes);
            pi.checkoutSessionId = s.id;
            intents.put(pi.id, pi);
            s.paymentIntentId = pi.id;
        }
        return pi;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ---------------------------------------------------------------- PaymentIntents

    private static final Set<String> CANCELABLE = Set.of(
            "requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing");
    private static final Set<String> CONFIRMABLE =
            Set.of("requires_payment_method", "requires_confirmation", "requires_action");

    private static final Set<String> PI_CREATE_PARAMS = Set.of(
            "amount",
            "currency",
            "metadata",
            "receipt_email",
            "description",
            "payment_method",
            "confirm",
            "automatic_payment_methods",
            "payment_method_types",
            "capture_method",
            "statement_descriptor",
            "statement_descriptor_suffix",
            "expand",
            "confirmation_method",
            // Accepted and ignored: only meaningful for redirect or off-session flows.
            "return_url",
            "payment_method_options",
            "use_stripe_sdk",
            "error_on_requires_action",
            "off_session",
            "mandate_data",
            "shipping",
            "transfer_group");

    public ObjectNode createPaymentIntent(Params p, Ctx ctx) {
        p.allowOnly(PI_CREATE_PARAMS);
        long amount = p.requiredInteger("amount");
        String currency = Currencies.parse(p.requiredString("currency"), "currency");
        checkAmount(amount, currency, "amount");
        String capture = p.oneOf("capture_method", Set.of("automatic", "automatic_async", "manual"));
        if ("manual".equals(capture)) {
            throw StripeApiException.invalid("The Stripe sandbox does not implement manual capture.", "capture_method");
        }
        String confirmation = p.oneOf("confirmation_method", Set.of("automatic", "manual"));
        if ("manual".equals(confirmation)) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox does not implement manual confirmation.", "confirmation_method");
        }
        Params apm = p.object("automatic_payment_methods").allowOnly(Set.of("enabled", "allow_redirects"));
        List<String> types = p.strings("payment_method_types");
        for (String type : types) {
            if (!type.equals("card")) {
                throw StripeApiException.invalid(
                        "The payment method type `" + type
                                + "` is not available in the Stripe sandbox; only `card` is.",
                        "payment_method_types");
            }
        }
        Boolean apmEnabled = apm.bool("enabled");
        if (Boolean.TRUE.equals(apmEnabled) && !types.isEmpty()) {
            throw StripeApiException.invalid(
                    "You may only specify one of these parameters: automatic_payment_methods, payment_method_types.",
                    "automatic_payment_methods");
        }
        PaymentMethod pm = resolvePaymentMethod(p.string("payment_method"), "payment_method");
        PaymentIntent pi = new PaymentIntent();
        pi.id = Ids.next("pi_");
        pi.clientSecret = pi.id + "_secret_" + Ids.random(25);
        pi.created = now();
        pi.amount = amount;
        pi.currency = currency;
        pi.metadata = withoutEmpty(p.metadata("metadata"));
        pi.receiptEmail = email(p, "receipt_email");
        pi.description = p.string("description");
        pi.statementDescriptor = p.string("statement_descriptor");
        pi.statementDescriptorSuffix = p.string("statement_descriptor_suffix");
        pi.automaticPaymentMethods = types.isEmpty() && !Boolean.FALSE.equals(apmEnabled);
        pi.paymentMethodTypes = List.of("card");
        pi.paymentMethodId = pm == null ? null : pm.id;
        pi.status = pm == null ? "requires_payment_method" : "requires_confirmation";
        intents.put(pi.id, pi);
        if (Boolean.TRUE.equals(p.bool("confirm"))) {
            return confirm(pi, null, ctx);
        }
        return renderer.paymentIntent(pi);
    }

    private static void checkAmount(long amount, String currency, String param) {
        if (amount < 1) {
            throw StripeApiException.invalid("This value must be greater than or equal to 1.", param);
        }
        if (amount < Currencies.minimum(currency)) {
            throw StripeApiException.invalid(
                    "amount_too_small", "Amount must be at least " + Currencies.minimumMessage(currency), param);
        }
        if (amount > Currencies.MAX_AMOUNT) {
            throw StripeApiException.invalid(
                    "amount_too_large",
                    "Amount must be no more than " + Currencies.format(Currencies.MAX_AMOUNT, currency) + " "
                            + currency,
                    param);
        }
    }

    private PaymentIntent intent(String id, String param) {
        PaymentIntent pi = intents.get(id);
        if (pi == null) {
            throw StripeApiException.noSuch("payment_intent", id, param);
        }
        return pi;
    }

    /** A client_secret must belong to the intent; Stripe checks it for publishable-key calls. */
    private static void checkClientSecret(PaymentIntent pi, Params p, boolean required) {
        String secret = p.string("client_secret");
        if (secret == null && !required) {
            return;
        }
        if (secret == null) {
            throw StripeApiException.missingParam("client_secret");
        }
        if (!secret.equals(pi.clientSecret)) {
            throw StripeApiException.invalid(
                    "The client_secret provided does not match the client_secret associated with the PaymentIntent.",
                    "client_secret");
        }
    }

    public ObjectNode retrievePaymentIntent(String id, Params p, boolean publishableKey) {
        p.allowOnly(Set.of("expand", "client_secret"));
        PaymentIntent pi = intent(id, "intent");
        checkClientSecret(pi, p, publishableKey);
        return renderer.paymentIntent(pi);
    }

    public ObjectNode listPaymentIntents(Params p) {
        p.allowOnly(Set.of("limit", "starting_after", "ending_before", "expand", "created", "customer"));
        Predicate<Long> created = createdFilter(p);
        List<ObjectNode> matching = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (PaymentIntent pi : newestFirst(intents)) {
            if (created.test(pi.created)) {
                matching.add(renderer.paymentIntent(pi));
                ids.add(pi.id);
            }
        }
        return page(p, "/v1/payment_intents", matching, ids, "payment_intent");
    }

    public ObjectNode updatePaymentIntent(String id, Params p) {
        p.allowOnly(Set.of(
                "metadata",
                "receipt_email",
                "description",
                "amount",
                "payment_method",
                "expand",
                "statement_descriptor",
                "statement_descriptor_suffix"));
        PaymentIntent pi = intent(id, "intent");
        if (!CONFIRMABLE.contains(pi.status) && (p.has("amount") || p.has("payment_method"))) {
            throw unexpectedState(pi, "update", CONFIRMABLE);
        }
        if (p.has("amount")) {
            long amount = p.requiredInteger("amount");
            checkAmount(amount, pi.currency, "amount");
            pi.amount = amount;
        }
        if (p.has("payment_method")) {
            PaymentMethod pm = resolvePaymentMethod(p.string("payment_method"), "payment_method");
            pi.paymentMethodId = pm == null ? null : pm.id;
            pi.status = pm == null ? "requires_payment_method" : "requires_confirmation";
        }
        if (p.has("metadata")) {
            // On update an empty value removes a key and an empty metadata removes them all.
            if ("".equals(p.raw().get("metadata"))) {
                pi.metadata.clear();
            }
            p.metadata("metadata").forEach((k, v) -> {
                if (v.isEmpty()) {
                    pi.metadata.remove(k);
                } else {
                    pi.metadata.put(k, v);
                }
            });
        }
        if (p.has("receipt_email")) {
            pi.receiptEmail = email(p, "receipt_email");
        }
        if (p.has("description")) {
            pi.description = p.string("description");
        }
        if (p.has("statement_descriptor")) {
            pi.statementDescriptor = p.string("statement_descriptor");
        }
        if (p.has("statement_descriptor_suffix")) {
            pi.statementDescriptorSuffix = p.string("statement_descriptor_suffix");
        }
        return renderer.paymentIntent(pi);
    }

    public ObjectNode confirmPaymentIntent(String id, Params p, Ctx ctx, boolean publishableKey) {
        p.allowOnly(Set.of(
                "payment_method",
                "receipt_email",
                "expand",
                "client_secret",
                "return_url",
                "payment_method_options",
                "use_stripe_sdk",
                "error_on_requires_action",
                "off_session",
                "mandate_data",
                "shipping",
                "payment_method_types",
                "payment_method_data"));
        PaymentIntent pi = intent(id, "intent");
        checkClientSecret(pi, p, publishableKey);
        if (pi.checkoutSessionId != null) {
            throw StripeApiException.invalid(
                    "payment_intent_unexpected_state",
                    "This PaymentIntent was created by a Checkout Session and can only be confirmed there.",
                    null,
                    errorWithIntent(pi));
        }
        if (!CONFIRMABLE.contains(pi.status)) {
            throw unexpectedState(pi, "confirm", CONFIRMABLE);
        }
        PaymentMethod pm = p.has("payment_method_data")
                ? cardFromData(p.object("payment_method_data"))
                : resolvePaymentMethod(p.string("payment_method"), "payment_method");
        if (p.has("receipt_email")) {
            pi.receiptEmail = email(p, "receipt_email");
        }
        return confirm(pi, pm, ctx);
    }

    private ObjectNode confirm(PaymentIntent pi, PaymentMethod given, Ctx ctx) {
        PaymentMethod pm =
                given != null ? given : pi.paymentMethodId == null ? null : paymentMethods.get(pi.paymentMethodId);
        if (pm == null) {
            throw StripeApiException.invalid(
                    "payment_intent_unexpected_state",
                    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either"
                            + " update the PaymentIntent with a payment method and then confirm it again, or confirm it"
                            + " again directly with a payment method.",
                    null,
                    errorWithIntent(pi));
        }
        TestCards.Decline decline = attempt(pi, pm, ctx);
        if (decline != null) {
            ObjectNode extra = pi.lastPaymentError.deepCopy();
            extra.remove(List.of("code", "doc_url", "message", "type"));
            extra.set("payment_intent", renderer.paymentIntent(pi));
            throw StripeApiException.card(decline.code(), decline.message(), extra);
        }
        return renderer.paymentIntent(pi);
    }

    /**
     * Test tokens such as {@code pm_card_visa} become a fresh {@code pm_…} object, as in Stripe;
     * ids of PaymentMethods the sandbox created before are reused.
     */
    private PaymentMethod resolvePaymentMethod(String id, String param) {
        if (id == null) {
            return null;
        }
        PaymentMethod existing = paymentMethods.get(id);
        if (existing != null) {
            return existing;
        }
        return TestCards.forPaymentMethod(id)
                .map(card -> newPaymentMethod(card, null))
                .orElseThrow(() -> StripeApiException.noSuch("PaymentMethod", id, param));
    }

    /**
     * A card typed into a form, as Stripe.js sends it with {@code confirmCardPayment}:
     * {@code payment_method_data[type]=card&payment_method_data[card][number]=…} (expiry and CVC are
     * accepted and, as for test cards, not checked).
     */
    private PaymentMethod cardFromData(Params data) {
        data.allowOnly(Set.of("type", "card", "billing_details"));
        if (!"card".equals(data.string("type"))) {
            throw StripeApiException.invalid(
                    "parameter_invalid_empty",
                    "The sandbox takes card payment methods only.",
                    "payment_method_data[type]");
        }
        Params card = data.object("card");
        card.allowOnly(Set.of("number", "exp_month", "exp_year", "cvc"));
        return TestCards.forNumber(card.string("number"))
                .map(known -> newPaymentMethod(known, null))
                .orElseThrow(() -> StripeApiException.card("incorrect_number", "Your card number is incorrect.", null));
    }

    private PaymentMethod newPaymentMethod(TestCards.Card card, String email) {
        PaymentMethod pm = new PaymentMethod();
        pm.id = Ids.next("pm_");
        pm.created = now();
        pm.card = card;
        pm.email = email;
        paymentMethods.put(pm.id, pm);
        return pm;
    }

    /**
     * Charges the card: a charge (succeeded or failed) is created either way, the intent moves to
     * succeeded or back to requires_payment_method with last_payment_error, and the matching event is
     * raised. Returns the decline, or null if it paid.
     */
    private TestCards.Decline attempt(PaymentIntent pi, PaymentMethod pm, Ctx ctx) {
        Charge c = new Charge();
        c.id = Ids.next("ch_");
        c.created = now();
        c.amount = pi.amount;
        c.currency = pi.currency;
        c.paymentIntentId = pi.id;
        c.paymentMethodId = pm.id;
        c.card = pm.card;
        c.decline = pm.card.decline();
        c.metadata = new LinkedHashMap<>(pi.metadata);
        c.description = pi.description;
        c.receiptEmail = pi.receiptEmail;
        c.billingEmail = pm.email;
        c.status = c.decline == null ? "succeeded" : "failed";
        c.balanceTransactionId = c.decline == null ? Ids.next("txn_") : null;
        charges.put(c.id, c);
        pi.latestChargeId = c.id;
        if (c.decline == null) {
            pi.status = "succeeded";
            pi.amountReceived = pi.amount;
            pi.paymentMethodId = pm.id;
            pi.lastPaymentError = null;
            emit("payment_intent.succeeded", renderer.paymentIntent(pi), ctx);
            return null;
        }
        TestCards.Decline d = c.decline;
        ObjectNode error = Json.object();
        error.put("charge", c.id);
        error.put("code", d.code());
        error.put("decline_code", d.declineCode());
        error.put("doc_url", "https://stripe.com/docs/error-codes/" + d.code().replace('_', '-'));
        error.put("message", d.message());
        error.set("payment_method", renderer.paymentMethod(pm));
        error.put("payment_method_type", "card");
        error.put("type", "card_error");
        pi.lastPaymentError = error;
        pi.status = "requires_payment_method";
        // A failed attempt detaches the card from the intent; the next try brings a new one.
        pi.paymentMethodId = null;
        emit("payment_intent.payment_failed", renderer.paymentIntent(pi), ctx);
        return d;
    }

    public ObjectNode cancelPaymentIntent(String id, Params p, Ctx ctx) {
        p.allowOnly(Set.of("cancellation_reason", "expand"));
        String reason =
                p.oneOf("cancellation_reason", Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned"));
        PaymentIntent pi = intent(id, "intent");
        if (!CANCELABLE.contains(pi.status)) {
            throw unexpectedState(pi, "cancel", CANCELABLE);
        }
        if (pi.checkoutSessionId != null) {
            CheckoutSession s = sessions.get(pi.checkoutSessionId);
            if (s != null && "open".equals(s.status)) {
                throw StripeApiException.invalid(
                        "payment_intent_unexpected_state",
                        "You cannot cancel this PaymentIntent because it was created by Checkout. Expire the Checkout"
                                + " Session instead.",
                        null,
                        errorWithIntent(pi));
            }
        }
        pi.status = "canceled";
        pi.canceledAt = now();
        pi.cancellationReason = reason;
        emit("payment_intent.canceled", renderer.paymentIntent(pi), ctx);
        return renderer.paymentIntent(pi);
    }

    private StripeApiException unexpectedState(PaymentIntent pi, String verb, Set<String> allowed) {
        String verbed = verb.equals("cancel") ? "canceled" : verb.equals("confirm") ? "confirmed" : "updated";
        return StripeApiException.invalid(
                "payment_intent_unexpected_state",
                "You cannot " + verb + " this PaymentIntent because it has a status of " + pi.status
                        + ". Only a PaymentIntent with one of the following statuses may be " + verbed + ": "
                        + String.join(", ", allowed.stream().sorted().toList()) + ".",
                null,
                errorWithIntent(pi));
    }

    private ObjectNode errorWithIntent(PaymentIntent pi) {
        ObjectNode extra = Json.object();
        extra.set("payment_intent", renderer.paymentIntent(pi));
        return extra;
    }

    public ObjectNode retrievePaymentMethod(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        PaymentMethod pm = paymentMethods.get(id);
        if (pm == null) {
            throw StripeApiException.noSuch("PaymentMethod", id, "payment_method");
        }
        return renderer.paymentMethod(pm);
    }

    // ---------------------------------------------------------------- charges and refunds

    public ObjectNode retrieveCharge(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        Charge c = charges.get(id);
        if (c == null) {
            throw StripeApiException.noSuch("charge", id, "charge");
        }
        return renderer.charge(c);
    }

    public ObjectNode listCharges(Params p) {
        p.allowOnly(Set.of(
                "limit",
                "starting_after",
                "ending_before",
                "expand",
                "created",
                "customer",
                "payment_intent",
                "transfer_group"));
        String paymentIntent = p.string("payment_intent");
        Predicate<Long> created = createdFilter(p);
        List<ObjectNode> matching = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Charge c : newestFirst(charges)) {
            if ((paymentIntent == null || paymentIntent.equals(c.paymentIntentId)) && created.test(c.created)) {
                matching.add(renderer.charge(c));
                ids.add(c.id);
            }
        }
        return page(p, "/v1/charges", matching, ids, "charge");
    }

    public ObjectNode createRefund(Params p, Ctx ctx) {
        p.allowOnly(Set.of(
                "payment_intent",
                "charge",
                "amount",
                "reason",
                "metadata",
                "expand",
                "instructions_email",
                "refund_application_fee",
                "reverse_transfer"));
        String chargeId = p.string("charge");
        String intentId = p.string("payment_intent");
        if (chargeId == null && intentId == null) {
            throw StripeApiException.invalid(
                    "parameter_missing",
                    "One of the following params should be provided for this request: payment_intent or charge.",
                    null);
        }
        Charge c;
        if (chargeId != null) {
            c = charges.get(chargeId);
            if (c == null) {
                throw StripeApiException.noSuch("charge", chargeId, "charge");
            }
            if (intentId != null && !intentId.equals(c.paymentIntentId)) {
                throw StripeApiException.invalid(
                        "The charge " + chargeId + " does not belong to the PaymentIntent " + intentId + ".", "charge");
            }
        } else {
            PaymentIntent pi = intent(intentId, "payment_intent");
            c = pi.latestChargeId == null ? null : charges.get(pi.latestChargeId);
            if (!"succeeded".equals(pi.status) || c == null) {
                throw StripeApiException.invalid(
                        "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.",
                        "payment_intent");
            }
        }
        if (!"succeeded".equals(c.status)) {
            throw StripeApiException.invalid(
                    "charge_not_refundable", "Charge " + c.id + " has failed and cannot be refunded.", "charge");
        }
        long remaining = c.amount - c.amountRefunded;
        if (remaining <= 0) {
            throw StripeApiException.invalid(
                    "charge_already_refunded", "Charge " + c.id + " has already been refunded.", null);
        }
        Long amount = p.integer("amount");
        if (amount != null && amount < 1) {
            throw StripeApiException.invalid("Invalid positive integer", "amount");
        }
        if (amount != null && amount > remaining) {
            throw StripeApiException.invalid(
                    "amount_too_large",
                    "Refund amount (" + Currencies.format(amount, c.currency)
                            + ") is greater than unrefunded amount on charge ("
                            + Currencies.format(remaining, c.currency) + ")",
                    "amount");
        }
        Refund r = new Refund();
        r.id = Ids.next("re_");
        r.created = now();
        r.amount = amount == null ? remaining : amount;
        r.currency = c.currency;
        r.chargeId = c.id;
        r.paymentIntentId = c.paymentIntentId;
        r.metadata = withoutEmpty(p.metadata("metadata"));
        r.reason = p.oneOf("reason", Set.of("duplicate", "fraudulent", "requested_by_customer"));
        r.balanceTransactionId = Ids.next("txn_");
        refunds.put(r.id, r);
        c.amountRefunded += r.amount;
        c.refundIds.add(r.id);
        emit("charge.refunded", renderer.charge(c), ctx);
        return renderer.refund(r);
    }

    public ObjectNode retrieveRefund(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        Refund r = refunds.get(id);
        if (r == null) {
            throw StripeApiException.noSuch("refund", id, "refund");
        }
        return renderer.refund(r);
    }

    public ObjectNode listRefunds(Params p) {
        p.allowOnly(
                Set.of("limit", "starting_after", "ending_before", "expand", "created", "charge", "payment_intent"));
        String charge = p.string("charge");
        String paymentIntent = p.string("payment_intent");
        Predicate<Long> created = createdFilter(p);
        List<ObjectNode> matching = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Refund r : newestFirst(refunds)) {
            if ((charge == null || charge.equals(r.chargeId))
                    && (paymentIntent == null || paymentIntent.equals(r.paymentIntentId))
                    && created.test(r.created)) {
                matching.add(renderer.refund(r));
                ids.add(r.id);
            }
        }
        return page(p, "/v1/refunds", matching, ids, "refund");
    }

    // ---------------------------------------------------------------- disputes (control API only)

    private static final Set<String> DISPUTE_REASONS = Set.of(
            "credit_not_processed",
            "duplicate",
            "fraudulent",
            "general",
            "product_not_received",
            "product_unacceptable",
            "subscription_canceled",
            "unrecognized");

    /**
     * The buyer's bank disputes a succeeded charge, named by itself or by its PaymentIntent: Stripe raises
     * {@code charge.dispute.created} with the dispute in {@code needs_response}.
     */
    public ObjectNode openDispute(String chargeOrIntentId, String reason) {
        String why = reason == null ? "fraudulent" : reason;
        if (!DISPUTE_REASONS.contains(why)) {
            throw new IllegalArgumentException("reason must be one of " + DISPUTE_REASONS);
        }
        Charge c = chargeOrIntentId != null && chargeOrIntentId.startsWith("pi_")
                ? charges.get(intent(chargeOrIntentId, "payment_intent").latestChargeId)
                : charges.get(chargeOrIntentId);
        if (c == null || !"succeeded".equals(c.status)) {
            throw new IllegalArgumentException("no succeeded charge " + chargeOrIntentId + " to dispute");
        }
        Dispute d = new Dispute();
        d.id = Ids.next("dp_");
        d.created = now();
        d.chargeId = c.id;
        d.paymentIntentId = c.paymentIntentId;
        d.amount = c.amount - c.amountRefunded;
        d.currency = c.currency;
        d.reason = why;
        d.status = "needs_response";
        disputes.put(d.id, d);
        c.disputed = true;
        emit("charge.dispute.created", renderer.dispute(d), Ctx.NONE);
        return renderer.dispute(d);
    }

    /** The bank decides an open dispute ({@code won} or {@code lost}): {@code charge.dispute.closed}. */
    public ObjectNode closeDispute(String disputeId, String status) {
        Dispute d = disputes.get(disputeId);
        if (d == null) {
            throw new IllegalArgumentException("no dispute " + disputeId);
        }
        if (!"won".equals(status) && !"lost".equals(status)) {
            throw new IllegalArgumentException("status must be won or lost");
        }
        if ("won".equals(d.status) || "lost".equals(d.status)) {
            throw new IllegalArgumentException("dispute " + disputeId + " is closed already (" + d.status + ")");
        }
        d.status = status;
        emit("charge.dispute.closed", renderer.dispute(d), Ctx.NONE);
        return renderer.dispute(d);
    }

    // ---------------------------------------------------------------- triggers (control API only)

    /** The events {@link #trigger} raises on demand, like {@code stripe trigger}. */
    public static final List<String> TRIGGERS = List.of(
            "checkout.session.async_payment_succeeded",
            "checkout.session.async_payment_failed",
            "payment_intent.processing",
            "charge.refunded",
            "charge.dispute.created");

    /**
     * Makes Stripe raise {@code type} for an existing object (a {@code cs_} session, {@code pi_} PaymentIntent or
     * {@code ch_} charge, as the event needs) or, when {@code objectId} is null, for a fresh one, as
     * {@code stripe trigger} does: the object goes through the same change as in Stripe, with the events Stripe
     * raises on the way (a refund also raises nothing else; a fresh paid PaymentIntent raises
     * {@code payment_intent.succeeded} first). Answers the triggered event.
     */
    public ObjectNode trigger(String type, String objectId) {
        if (!TRIGGERS.contains(type)) {
            throw new IllegalArgumentException("event must be one of " + TRIGGERS);
        }
        switch (type) {
            case "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed" ->
                asyncPayment(
                        objectId == null ? freshSession() : session(objectId, "object"), type.endsWith("succeeded"));
            case "payment_intent.processing" -> {
                PaymentIntent pi = objectId == null ? intents.get(freshIntent(false)) : intentOf(objectId);
                if (!CONFIRMABLE.contains(pi.status)) {
                    throw new IllegalArgumentException("PaymentIntent " + pi.id + " is " + pi.status
                            + "; only an unpaid one can start processing");
                }
                pi.status = "processing";
                emit(type, renderer.paymentIntent(pi), Ctx.NONE);
            }
            case "charge.refunded" -> createRefund(Params.parse("charge=" + paidCharge(objectId).id), Ctx.NONE);
            default -> openDispute(paidCharge(objectId).id, null);
        }
        return renderer.event(events.getLast());
    }

    /**
     * A delayed payment method (bank debit, konbini…) settles: the session completes unpaid, then its payment
     * succeeds or fails, each with its event, as Stripe raises them.
     */
    private void asyncPayment(CheckoutSession s, boolean succeeds) {
        expireIfDue(s);
        if (!"open".equals(s.status)) {
            throw new IllegalArgumentException("Checkout Session " + s.id + " is " + s.status + ", not open");
        }
        PaymentIntent pi = sessionIntent(s);
        s.status = "complete";
        emit("checkout.session.completed", renderer.session(s), Ctx.NONE);
        var card = TestCards.forPaymentMethod(succeeds ? "pm_card_visa" : "pm_card_chargeDeclined")
                .orElseThrow();
        if (attempt(pi, newPaymentMethod(card, s.customerEmail), Ctx.NONE) == null) {
            s.paymentStatus = "paid";
            emit("checkout.session.async_payment_succeeded", renderer.session(s), Ctx.NONE);
        } else {
            emit("checkout.session.async_payment_failed", renderer.session(s), Ctx.NONE);
        }
    }

    /** The succeeded charge behind an id of a session, PaymentIntent or charge; a fresh paid one for null. */
    private Charge paidCharge(String objectId) {
        String chargeId = objectId;
        if (objectId == null) {
            chargeId = intentOf(freshIntent(true)).latestChargeId;
        } else if (objectId.startsWith("cs_")) {
            String intentId = session(objectId, "object").paymentIntentId;
            chargeId = intentId == null ? null : intentOf(intentId).latestChargeId;
        } else if (objectId.startsWith("pi_")) {
            chargeId = intentOf(objectId).latestChargeId;
        }
        Charge c = chargeId == null ? null : charges.get(chargeId);
        if (c == null || !"succeeded".equals(c.status)) {
            throw new IllegalArgumentException("no succeeded charge behind " + objectId);
        }
        return c;
    }

    private PaymentIntent intentOf(String id) {
        if (id == null || !intents.containsKey(id)) {
            throw new IllegalArgumentException("no PaymentIntent " + id);
        }
        return intents.get(id);
    }

    /** A new PaymentIntent of 2000 jpy, paid with the test Visa card or left unpaid; answers its id. */
    private String freshIntent(boolean paid) {
        String params = "amount=2000&currency=jpy&metadata[created_by]=sandbox_trigger"
                + (paid ? "&payment_method=pm_card_visa&confirm=true" : "");
        return createPaymentIntent(Params.parse(params), Ctx.NONE).get("id").asString();
    }

    /** A new open Checkout Session of 2000 jpy. */
    private CheckoutSession freshSession() {
        String id = createCheckoutSession(Params.parse("mode=payment&success_url=http://localhost/success"
                        + "&line_items[0][quantity]=1&line_items[0][price_data][currency]=jpy"
                        + "&line_items[0][price_data][unit_amount]=2000"
                        + "&line_items[0][price_data][product_data][name]=sandbox_trigger"))
                .get("id")
                .asString();
        return sessions.get(id);
    }

    /**
     * Sends an event again to every endpoint, the same id and body with a new signature, as the Dashboard's
     * "Resend" does. Answers the event.
     */
    public ObjectNode resend(String eventId) {
        Event e = eventsById.get(eventId);
        if (e == null) {
            throw new IllegalArgumentException("no event " + eventId);
        }
        e.pendingWebhooks.set(webhooks.endpoints().size());
        outbox.add(new OutgoingEvent(e.id, e.type, e.payload, e.pendingWebhooks));
        return renderer.event(e);
    }

    // ---------------------------------------------------------------- events

    private void emit(String type, ObjectNode object, Ctx ctx) {
        Event e = new Event();
        e.id = Ids.next("evt_");
        e.created = now();
        e.sequence = ++eventSequence;
        e.type = type;
        e.dataObject = object;
        e.requestId = ctx.requestId();
        e.idempotencyKey = ctx.idempotencyKey();
        e.pendingWebhooks = new AtomicInteger(webhooks.endpoints().size());
        e.payload = Json.write(renderer.event(e));
        events.add(e);
        eventsById.put(e.id, e);
        outbox.add(new OutgoingEvent(e.id, e.type, e.payload, e.pendingWebhooks));
    }

    public ObjectNode retrieveEvent(String id, Params p) {
        p.allowOnly(Set.of("expand"));
        Event e = eventsById.get(id);
        if (e == null) {
            throw StripeApiException.noSuch("event", id, "id");
        }
        return renderer.event(e);
    }

    public ObjectNode listEvents(Params p) {
        p.allowOnly(Set.of(
                "type", "types", "created", "limit", "starting_after", "ending_before", "delivery_success", "expand"));
        String type = p.string("type");
        List<String> types = p.strings("types");
        if (type != null && !types.isEmpty()) {
            throw StripeApiException.invalid("You may only specify one of these parameters: type, types.", "type");
        }
        if (types.size() > 20) {
            throw StripeApiException.invalid("You may pass at most 20 types.", "types");
        }
        Predicate<String> typeFilter = t -> true;
        if (type != null) {
            if (type.endsWith("*")) {
                String prefix = type.substring(0, type.length() - 1);
                typeFilter = t -> t.startsWith(prefix);
            } else {
                typeFilter = type::equals;
            }
        } else if (!types.isEmpty()) {
            typeFilter = types::contains;
        }
        Predicate<Long> created = createdFilter(p);
        Boolean deliverySuccess = p.bool("delivery_success");
        List<ObjectNode> matching = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            if (!typeFilter.test(e.type) || !created.test(e.created)) {
                continue;
            }
            if (deliverySuccess != null && deliverySuccess != (e.pendingWebhooks.get() == 0)) {
                continue;
            }
            matching.add(renderer.event(e));
            ids.add(e.id);
        }
        return page(p, "/v1/events", matching, ids, "event");
    }

    /** Objects kept in creation order, newest first as Stripe lists them. */
    private static <T> List<T> newestFirst(Map<String, T> byId) {
        List<T> list = new ArrayList<>(byId.values());
        java.util.Collections.reverse(list);
        return list;
    }

    /** Stripe's created filter: an exact timestamp or a hash of gt/gte/lt/lte. */
    private static Predicate<Long> createdFilter(Params p) {
        if (!p.has("created")) {
            return c -> true;
        }
        if (p.raw().get("created") instanceof String) {
            long exact = p.requiredInteger("created");
            return c -> c == exact;
        }
        Params range = p.object("created").allowOnly(Set.of("gt", "gte", "lt", "lte"));
        Long gt = range.integer("gt");
        Long gte = range.integer("gte");
        Long lt = range.integer("lt");
        Long lte = range.integer("lte");
        return c -> (gt == null || c > gt)
                && (gte == null || c >= gte)
                && (lt == null || c < lt)
                && (lte == null || c <= lte);
    }

    /** One page of a newest-first list, with Stripe's limit / starting_after / ending_before. */
    private static ObjectNode page(
            Params p, String url, List<ObjectNode> newestFirst, List<String> ids, String objectName) {
        Long limitParam = p.integer("limit");
        int limit = limitParam == null ? 10 : limitParam.intValue();
        if (limitParam != null && (limitParam < 1 || limitParam > 100)) {
            throw StripeApiException.invalid(
                    limitParam < 1
                            ? "This value must be greater than or equal to 1."
                            : "This value must be less than or equal to 100.",
                    "limit");
        }
        String after = p.string("starting_after");
        String before = p.string("ending_before");
        if (after != null && before != null) {
            throw StripeApiException.invalid(
                    "You may only specify one of these parameters: ending_before, starting_after.", "starting_after");
        }
        int from = 0;
        int to = newestFirst.size();
        if (after != null) {
            int at = ids.indexOf(after);
            if (at < 0) {
                throw StripeApiException.noSuch(objectName, after, "starting_after");
            }
            from = at + 1;
            to = Math.min(newestFirst.size(), from + limit);
        } else if (before != null) {
            int at = ids.indexOf(before);
            if (at < 0) {
                throw StripeApiException.noSuch(objectName, before, "ending_before");
            }
            to = at;
            from = Math.max(0, to - limit);
        } else {
            to = Math.min(newestFirst.size(), limit);
        }
        boolean hasMore = before != null ? from > 0 : to < newestFirst.size();
        ArrayNode data = Json.array();
        newestFirst.subList(from, to).forEach(data::add);
        return Json.list(url, data, hasMore);
    }

    // ---------------------------------------------------------------- expand

    private static final Set<String> EXPANDABLE = Set.of(
            "payment_intent",
            "latest_charge",
            "payment_method",
            "charge",
            "line_items",
            "customer",
            "invoice",
            "subscription",
            "setup_intent",
            "payment_link",
            "review",
            "application",
            "on_behalf_of",
            "source",
            "failure_balance_transaction");

    /** Replaces ids by the objects they name, for Stripe's {@code expand[]=a.b} paths. */
    public ObjectNode expand(ObjectNode node, List<String> paths) {
        if (paths.isEmpty()) {
            return node;
        }
        return locked(() -> {
            for (String path : paths) {
                String[] segments = path.split("\\.");
                long depth = java.util.Arrays.stream(segments)
                        .filter(s -> !s.equals("data"))
                        .count();
                if (depth > 4) {
                    throw StripeApiException.invalid(
                            "You cannot expand more than 4 levels of a property. Property: " + path, "expand");
                }
                expandPath(node, segments, 0, path);
            }
            return node;
        });
    }

    private void expandPath(ObjectNode node, String[] segments, int i, String full) {
        String field = segments[i];
        JsonNode objectType = node.get("object");
        if (objectType != null && "list".equals(objectType.asString()) && field.equals("data")) {
            if (i + 1 == segments.length) {
                throw cannotExpand(full);
            }
            for (JsonNode element : node.get("data")) {
                expandPath((ObjectNode) element, segments, i + 1, full);
            }
            return;
        }
        boolean sessionLineItems =
                field.equals("line_items") && objectType != null && "checkout.session".equals(objectType.asString());
        if (!EXPANDABLE.contains(field) || (!node.has(field) && !sessionLineItems)) {
            throw cannotExpand(full);
        }
        JsonNode value = node.get(field);
        if (sessionLineItems) {
            // Stripe leaves line_items out of a session unless asked for them.
            value = renderer.lineItems(sessions.get(node.get("id").asString()));
            node.set(field, value);
        } else if (value.isString()) {
            ObjectNode object = lookup(value.asString());
            if (object == null) {
                throw cannotExpand(full);
            }
            node.set(field, object);
            value = object;
        }
        if (i + 1 < segments.length && value.isObject()) {
            expandPath((ObjectNode) value, segments, i + 1, full);
        }
    }

    private static StripeApiException cannotExpand(String path) {
        return StripeApiException.invalid("This property cannot be expanded (" + path + ").", "expand");
    }

    private ObjectNode lookup(String id) {
        if (id.startsWith("pi_") && intents.containsKey(id)) {
            return renderer.paymentIntent(intents.get(id));
        }
        if (id.startsWith("ch_") && charges.containsKey(id)) {
            return renderer.charge(charges.get(id));
        }
        if (id.startsWith("pm_") && paymentMethods.containsKey(id)) {
            return renderer.paymentMethod(paymentMethods.get(id));
        }
        if (id.startsWith("re_") && refunds.containsKey(id)) {
            return renderer.refund(refunds.get(id));
        }
        if (id.startsWith("cs_") && sessions.containsKey(id)) {
            return renderer.session(sessions.get(id));
        }
        return null;
    }
}
