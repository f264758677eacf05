package dev.ticketpay.sandbox.stripe.internal;

import com.stripe.Stripe;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns stored objects into Stripe's JSON. The field sets are exactly those of Stripe's own
 * fixtures (../shared/stripe/fixtures.json), with the values Stripe gives a hosted, card-only
 * payment: features the sandbox does not model are present and null/empty rather than missing, so
 * stripe-java sees the shape it sees from Stripe.
 */
public final class Renderer {

    /** The API version events are stamped with; stripe-java only deserializes its own release train. */
    public static final String API_VERSION = Stripe.API_VERSION;

    private final String publicBaseUrl;
    private final Function<String, Refund> refunds;

    Renderer(String publicBaseUrl, Function<String, Refund> refunds) {
        this.publicBaseUrl = publicBaseUrl;
        this.refunds = refunds;
    }

    public String hostedPageUrl(String sessionId) {
        return publicBaseUrl + "/checkout/" + sessionId;
    }

    private static ObjectNode head(String id, String object) {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("object", object);
        return n;
    }

    private static void nulls(ObjectNode n, String... keys) {
        for (String k : keys) {
            n.putNull(k);
        }
    }

    private static ObjectNode metadata(Map<String, String> metadata) {
        return Json.map(metadata);
    }

    ObjectNode session(CheckoutSession s) {
        CheckoutSession.Terms t = s.terms();
        ObjectNode n = head(s.id(), "checkout.session");
        n.putObject("adaptive_pricing").put("enabled", false);
        nulls(n, "after_expiration", "allow_promotion_codes");
        n.put("amount_subtotal", t.amountTotal());
        n.put("amount_total", t.amountTotal());
        ObjectNode tax = n.putObject("automatic_tax");
        tax.put("enabled", false);
        nulls(tax, "liability", "provider", "status");
        n.putNull("billing_address_collection");
        n.put("cancel_url", t.cancelUrl());
        n.put("client_reference_id", t.clientReferenceId());
        nulls(n, "client_secret", "collected_information", "consent", "consent_collection");
        n.put("created", s.created());
        n.put("currency", t.currency());
        n.putNull("currency_conversion");
        n.putArray("custom_fields");
        ObjectNode text = n.putObject("custom_text");
        nulls(text, "after_submit", "shipping_address", "submit", "terms_of_service_acceptance");
        nulls(n, "customer", "customer_account");
        n.put("customer_creation", "if_required");
        if (s.customerDetailsEmail() != null || s.status() == SessionStatus.COMPLETE) {
            ObjectNode details = n.putObject("customer_details");
            details.set("address", Json.emptyAddress());
            nulls(details, "business_name");
            details.put("email", s.customerDetailsEmail());
            nulls(details, "individual_name", "name", "phone");
            details.put("tax_exempt", "none");
            details.putArray("tax_ids");
        } else {
            n.putNull("customer_details");
        }
        n.put("customer_email", t.customerEmail());
        n.putArray("discounts");
        n.put("expires_at", t.expiresAt());
        nulls(n, "integration_identifier", "invoice");
        ObjectNode invoice = n.putObject("invoice_creation");
        invoice.put("enabled", false);
        ObjectNode invoiceData = invoice.putObject("invoice_data");
        nulls(invoiceData, "account_tax_ids", "custom_fields", "description", "footer", "issuer");
        invoiceData.putObject("metadata");
        invoiceData.putNull("rendering_options");
        n.put("livemode", false);
        n.put("locale", t.locale());
        n.putNull("managed_payments");
        n.set("metadata", metadata(t.metadata()));
        n.put("mode", "payment");
        n.putNull("origin_context");
        n.put("payment_intent", s.paymentIntentId());
        n.putNull("payment_link");
        n.put("payment_method_collection", "if_required");
        n.putNull("payment_method_configuration_details");
        n.putObject("payment_method_options").putObject("card").put("request_three_d_secure", "automatic");
        n.putArray("payment_method_types").add("card");
        n.put("payment_status", s.paymentStatus().wire());
        n.putNull("permissions");
        n.putObject("phone_number_collection").put("enabled", false);
        n.putNull("recovered_from");
        ObjectNode saved = n.putObject("saved_payment_method_options");
        nulls(saved, "allow_redisplay_filters", "payment_method_remove", "payment_method_save");
        nulls(n, "setup_intent", "shipping_address_collection", "shipping_cost");
        n.putArray("shipping_options");
        n.put("status", s.status().wire());
        n.put("submit_type", t.submitType());
        n.putNull("subscription");
        n.put("success_url", t.successUrl());
        ObjectNode totals = n.putObject("total_details");
        totals.put("amount_discount", 0);
        totals.put("amount_shipping", 0);
        totals.put("amount_tax", 0);
        n.put("ui_mode", "hosted");
        // Stripe only hands out the page link while the session can still be paid.
        n.put("url", s.isOpen() ? hostedPageUrl(s.id()) : null);
        n.putNull("wallet_options");
        return n;
    }

    ObjectNode lineItems(CheckoutSession s) {
        ArrayNode data = Json.array();
        for (LineItem item : s.terms().lineItems()) {
            ObjectNode li = head(item.id(), "item");
            li.put("amount_discount", 0);
            li.put("amount_subtotal", item.amount());
            li.put("amount_tax", 0);
            li.put("amount_total", item.amount());
            li.put("currency", item.currency());
            li.put("description", item.name());
            ObjectNode price = li.putObject("price");
            price.put("id", item.priceId());
            price.put("object", "price");
            price.put("active", false);
            price.put("billing_scheme", "per_unit");
            price.put("created", s.created());
            price.put("currency", item.currency());
            price.putNull("custom_unit_amount");
            price.put("livemode", false);
            price.putNull("lookup_key");
            price.putObject("metadata");
            price.putNull("nickname");
            price.put("product", item.productId());
            price.putNull("recurring");
            price.put("tax_behavior", item.taxBehavior());
            price.putNull("tiers_mode");
            price.putNull("transform_quantity");
            price.put("type", "one_time");
            price.put("unit_amount", item.unitAmount());
            price.put("unit_amount_decimal", Long.toString(item.unitAmount()));
            li.put("quantity", item.quantity());
            data.add(li);
        }
        return Json.list("/v1/checkout/sessions/" + s.id() + "/line_items", data, false);
    }

    ObjectNode paymentIntent(PaymentIntent pi) {
        ObjectNode n = head(pi.id(), "payment_intent");
        n.put("amount", pi.amount());
        n.put("amount_capturable", 0);
        n.putObject("amount_details").putObject("tip");
        n.put("amount_received", pi.amountReceived());
        nulls(n, "application", "application_fee_amount");
        if (pi.automaticPaymentMethods()) {
            ObjectNode apm = n.putObject("automatic_payment_methods");
            apm.put("allow_redirects", "always");
            apm.put("enabled", true);
        } else {
            n.putNull("automatic_payment_methods");
        }
        n.put("canceled_at", pi.canceledAt());
        n.put("cancellation_reason", pi.cancellationReason());
        n.put("capture_method", "automatic_async");
        n.put("client_secret", pi.clientSecret());
        n.put("confirmation_method", "automatic");
        n.put("created", pi.created());
        n.put("currency", pi.currency());
        nulls(n, "customer", "customer_account");
        n.put("description", pi.description());
        n.putNull("excluded_payment_method_types");
        n.set("last_payment_error", pi.lastPaymentError());
        n.put("latest_charge", pi.latestChargeId());
        n.put("livemode", false);
        n.putNull("managed_payments");
        n.set("metadata", metadata(pi.metadata()));
        nulls(n, "next_action", "on_behalf_of");
        n.put("payment_method", pi.paymentMethodId());
        n.putNull("payment_method_configuration_details");
        ObjectNode card = n.putObject("payment_method_options").putObject("card");
        nulls(card, "installments", "mandate_options", "network");
        card.put("request_three_d_secure", "automatic");
        n.putArray("payment_method_types").add("card");
        n.putNull("processing");
        n.put("receipt_email", pi.receiptEmail());
        nulls(n, "review", "setup_future_usage", "shipping", "source");
        n.put("statement_descriptor", pi.statementDescriptor());
        n.put("statement_descriptor_suffix", pi.statementDescriptorSuffix());
        n.put("status", pi.status().wire());
        nulls(n, "transfer_data", "transfer_group");
        return n;
    }

    ObjectNode paymentMethod(PaymentMethod pm) {
        ObjectNode n = head(pm.id(), "payment_method");
        n.put("allow_redisplay", "unspecified");
        ObjectNode billing = n.putObject("billing_details");
        billing.set("address", Json.emptyAddress());
        billing.put("email", pm.email());
        nulls(billing, "name", "phone", "tax_id");
        ObjectNode card = n.putObject("card");
        card.put("brand", pm.card().brand());
        ObjectNode checks = card.putObject("checks");
        nulls(checks, "address_line1_check", "address_postal_code_check");
        checks.put("cvc_check", "pass");
        card.put("country", pm.card().country());
        card.putNull("display_brand");
        card.put("exp_month", 12);
        card.put("exp_year", 2034);
        card.put("fingerprint", pm.card().fingerprint());
        card.put("funding", pm.card().funding());
        card.putNull("generated_from");
        card.put("last4", pm.card().last4());
        ObjectNode networks = card.putObject("networks");
        networks.putArray("available").add(pm.card().brand());
        networks.putNull("preferred");
        card.putNull("regulated_status");
        card.putObject("three_d_secure_usage").put("supported", true);
        card.putNull("wallet");
        n.put("created", pm.created());
        n.putNull("customer");
        n.put("livemode", false);
        n.putObject("metadata");
        n.put("type", "card");
        return n;
    }

    ObjectNode charge(Charge c) {
        boolean ok = c.succeeded();
        ObjectNode n = head(c.id(), "charge");
        n.put("amount", c.amount());
        n.put("amount_captured", ok ? c.amount() : 0);
        n.put("amount_refunded", c.amountRefunded());
        nulls(n, "application", "application_fee", "application_fee_amount");
        n.put("balance_transaction", c.balanceTransactionId());
        ObjectNode billing = n.putObject("billing_details");
        billing.set("address", Json.emptyAddress());
        billing.put("email", c.paymentMethod().email());
        nulls(billing, "name", "phone", "tax_id");
        n.put("calculated_statement_descriptor", "TICKETPAY SANDBOX");
        n.put("captured", ok);
        n.put("created", c.created());
        n.put("currency", c.currency());
        n.putNull("customer");
        n.put("description", c.description());
        n.put("disputed", c.disputed());
        n.putNull("failure_balance_transaction");
        n.put("failure_code", ok ? null : c.decline().code());
        n.put("failure_message", ok ? null : c.decline().message());
        n.putObject("fraud_details");
        n.put("livemode", false);
        n.set("metadata", metadata(c.metadata()));
        n.putNull("on_behalf_of");
        ObjectNode outcome = n.putObject("outcome");
        nulls(outcome, "advice_code", "network_advice_code");
        outcome.put("network_decline_code", ok ? null : c.decline().declineCode());
        outcome.put("network_status", ok ? "approved_by_network" : "declined_by_network");
        outcome.put("reason", ok ? null : c.decline().declineCode());
        outcome.put("seller_message", ok ? "Payment complete." : c.decline().sellerMessage());
        outcome.put("type", ok ? "authorized" : c.decline().outcomeType());
        n.put("paid", ok);
        n.put("payment_intent", c.paymentIntentId());
        n.put("payment_method", c.paymentMethod().id());
        ObjectNode details = n.putObject("payment_method_details");
        ObjectNode card = details.putObject("card");
        card.put("amount_authorized", ok ? c.amount() : null);
        card.putNull("authorization_code");
        card.put("brand", c.paymentMethod().card().brand());
        ObjectNode checks = card.putObject("checks");
        nulls(checks, "address_line1_check", "address_postal_code_check");
        checks.put("cvc_check", "pass");
        card.put("country", c.paymentMethod().card().country());
        card.put("exp_month", 12);
        card.put("exp_year", 2034);
        card.putObject("extended_authorization").put("status", "disabled");
        card.put("fingerprint", c.paymentMethod().card().fingerprint());
        card.put("funding", c.paymentMethod().card().funding());
        card.putObject("incremental_authorization").put("status", "unavailable");
        card.putNull("installments");
        card.put("last4", c.paymentMethod().card().last4());
        card.putNull("mandate");
        card.putObject("multicapture").put("status", "unavailable");
        card.put("network", c.paymentMethod().card().brand());
        card.putObject("network_token").put("used", false);
        card.putNull("network_transaction_id");
        ObjectNode over = card.putObject("overcapture");
        over.put("maximum_amount_capturable", c.amount());
        over.put("status", "unavailable");
        card.putNull("regulated_status");
        card.putNull("three_d_secure");
        card.putNull("transaction_link_id");
        card.putNull("wallet");
        details.put("type", "card");
        n.put("receipt_email", c.receiptEmail());
        n.putNull("receipt_number");
        n.put("receipt_url", ok ? publicBaseUrl + "/receipts/" + c.id() : null);
        n.put("refunded", ok && c.amountRefunded() >= c.amount());
        ArrayNode refundData = Json.array();
        // Stripe lists a charge's refunds newest first.
        c.refundIds().reversed().forEach(id -> refundData.add(refund(refunds.apply(id))));
        n.set("refunds", Json.list("/v1/charges/" + c.id() + "/refunds", refundData, false));
        nulls(
                n,
                "review",
                "shipping",
                "source",
                "source_transfer",
                "statement_descriptor",
                "statement_descriptor_suffix");
        n.put("status", c.status().wire());
        nulls(n, "transfer_data", "transfer_group");
        return n;
    }

    ObjectNode dispute(Dispute d) {
        boolean open = !d.status().closed();
        ObjectNode n = head(d.id(), "dispute");
        n.put("amount", d.amount());
        n.putArray("balance_transactions");
        n.put("charge", d.chargeId());
        n.put("created", d.created());
        n.put("currency", d.currency());
        n.putArray("enhanced_eligibility_types");
        ObjectNode evidence = n.putObject("evidence");
        nulls(
                evidence,
                "access_activity_log",
                "billing_address",
                "cancellation_policy",
                "customer_email_address",
                "customer_name",
                "product_description",
                "receipt",
                "refund_policy",
                "service_date",
                "shipping_documentation",
                "uncategorized_text");
        ObjectNode details = n.putObject("evidence_details");
        details.put("due_by", open ? d.created() + 7 * 24 * 3600 : null);
        details.put("has_evidence", false);
        details.put("past_due", false);
        details.put("submission_count", 0);
        n.put("is_charge_refundable", false);
        n.put("livemode", false);
        n.putObject("metadata");
        n.put("payment_intent", d.paymentIntentId());
        ObjectNode method = n.putObject("payment_method_details");
        method.putObject("card")
                .put("brand", "visa")
                .put("case_type", "chargeback")
                .put("network_reason_code", "10.4");
        method.put("type", "card");
        n.put("reason", d.reason());
        n.put("status", d.status().wire());
        return n;
    }

    ObjectNode refund(Refund r) {
        ObjectNode n = head(r.id(), "refund");
        n.put("amount", r.amount());
        n.put("balance_transaction", r.balanceTransactionId());
        n.put("charge", r.chargeId());
        n.put("created", r.created());
        n.put("currency", r.currency());
        nulls(n, "customer", "customer_account");
        ObjectNode dest = n.putObject("destination_details");
        ObjectNode card = dest.putObject("card");
        card.put("reference_status", "pending");
        card.put("reference_type", "acquirer_reference_number");
        card.put("type", "refund");
        dest.put("type", "card");
        n.set("metadata", metadata(r.metadata()));
        n.put("payment_intent", r.paymentIntentId());
        n.putNull("payment_method");
        n.put("reason", r.reason());
        n.putNull("receipt_number");
        n.putNull("source_transfer_reversal");
        n.put("status", r.status().wire());
        n.putNull("transfer_reversal");
        return n;
    }

    ObjectNode event(Event e) {
        ObjectNode n = head(e.id(), "event");
        n.put("api_version", API_VERSION);
        n.put("created", e.created());
        n.putObject("data").set("object", e.dataObject().deepCopy());
        n.put("livemode", false);
        n.put("pending_webhooks", e.pendingWebhooks().get());
        ObjectNode request = n.putObject("request");
        request.put("id", e.request().requestId());
        request.put("idempotency_key", e.request().idempotencyKey());
        n.put("type", e.type());
        return n;
    }
}
