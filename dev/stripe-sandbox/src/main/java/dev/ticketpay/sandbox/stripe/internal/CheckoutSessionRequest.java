package dev.ticketpay.sandbox.stripe.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code POST /v1/checkout/sessions} as Stripe does: unknown parameters, parameters the sandbox does not
 * implement and invalid values are refused with Stripe's errors; what passes becomes a session's terms.
 */
final class CheckoutSessionRequest {

    private static final long MIN_EXPIRY_SECONDS = 30 * 60;
    private static final long MAX_EXPIRY_SECONDS = 24 * 60 * 60;
    // Requests take a moment to travel; a client computing "now + 30 min" must not miss by a second.
    private static final long EXPIRY_SLACK_SECONDS = 10;

    private static final Set<String> PARAMS = Set.of(
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

    private static final Set<String> UNSUPPORTED_PARAMS = Set.of(
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

    private CheckoutSessionRequest() {}

    /**
     * The terms of session {@code sessionId} created at {@code created} (Unix seconds). Its id replaces
     * {@code {CHECKOUT_SESSION_ID}} in the URLs at once (Stripe does it on redirect; the redirect is the same).
     */
    static CheckoutSession.Terms terms(Params p, String sessionId, long created) {
        for (String key : p.keys()) {
            if (UNSUPPORTED_PARAMS.contains(key)) {
                throw StripeApiException.invalid(
                        "The Stripe sandbox does not implement `" + key + "` for Checkout Sessions.", key);
            }
        }
        p.allowOnly(PARAMS);
        checkMode(p);
        String successUrl = p.url("success_url");
        String cancelUrl = p.url("cancel_url");
        String customerEmail = p.email("customer_email");
        String clientReferenceId = p.string("client_reference_id");
        if (clientReferenceId != null && clientReferenceId.length() > 200) {
            throw StripeApiException.invalid(
                    "Invalid string: client_reference_id must be at most 200 characters", "client_reference_id");
        }
        var metadata = p.newMetadata("metadata");
        p.cardOnly("payment_method_types");
        String locale = p.string("locale");
        String submitType = p.oneOf("submit_type", Set.of("auto", "book", "donate", "pay", "subscribe"));
        Params intentData = p.object("payment_intent_data");
        checkIntentData(intentData);

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
        checkTotal(total, currency);
        return new CheckoutSession.Terms(
                expiresAt(p.integer("expires_at"), created),
                currency,
                total,
                lineItems,
                withSessionId(successUrl, sessionId),
                withSessionId(cancelUrl, sessionId),
                clientReferenceId,
                metadata,
                customerEmail,
                locale,
                submitType,
                intentData(intentData));
    }

    private static String withSessionId(String url, String sessionId) {
        return url == null ? null : url.replace("{CHECKOUT_SESSION_ID}", sessionId);
    }

    private static void checkMode(Params p) {
        String mode = p.requiredString("mode");
        if (Set.of("subscription", "setup").contains(mode)) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox supports only `mode=payment` Checkout Sessions.", "mode");
        }
        if (!mode.equals("payment")) {
            throw StripeApiException.invalid("Invalid mode: must be one of payment, setup, or subscription", "mode");
        }
        String uiMode = p.oneOf("ui_mode", Set.of("hosted", "embedded", "custom"));
        if (uiMode != null && !uiMode.equals("hosted")) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox supports only `ui_mode=hosted` Checkout Sessions.", "ui_mode");
        }
    }

    private static void checkIntentData(Params data) {
        data.allowOnly(Set.of(
                "metadata",
                "description",
                "receipt_email",
                "statement_descriptor",
                "statement_descriptor_suffix",
                "capture_method",
                "setup_future_usage"));
        data.automaticCaptureOnly("capture_method");
        if (data.has("setup_future_usage")) {
            throw StripeApiException.invalid(
                    "The Stripe sandbox does not implement saving payment methods.", data.name("setup_future_usage"));
        }
    }

    private static CheckoutSession.IntentData intentData(Params data) {
        return new CheckoutSession.IntentData(
                data.newMetadata("metadata"),
                data.string("description"),
                data.email("receipt_email"),
                data.string("statement_descriptor"),
                data.string("statement_descriptor_suffix"));
    }

    private static void checkTotal(long total, String currency) {
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
    }

    private static long expiresAt(Long requested, long created) {
        if (requested == null) {
            return created + MAX_EXPIRY_SECONDS;
        }
        if (requested < created + MIN_EXPIRY_SECONDS - EXPIRY_SLACK_SECONDS) {
            throw StripeApiException.invalid(
                    "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
                    "expires_at");
        }
        if (requested > created + MAX_EXPIRY_SECONDS + EXPIRY_SLACK_SECONDS) {
            throw StripeApiException.invalid(
                    "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
                    "expires_at");
        }
        return requested;
    }

    private static LineItem lineItem(Params item) {
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
        long unitAmount = unitAmount(price);
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

    /** {@code unit_amount}, or a whole-number {@code unit_amount_decimal}, within Stripe's bounds. */
    private static long unitAmount(Params price) {
        Long unitAmount = price.integer("unit_amount");
        if (unitAmount == null && price.string("unit_amount_decimal") != null) {
            try {
                unitAmount = new BigDecimal(price.string("unit_amount_decimal")).longValueExact();
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
        return unitAmount;
    }
}
