package dev.ticketpay.sandbox.stripe.checkout;

import static dev.ticketpay.sandbox.stripe.internal.Html.escape;

import dev.ticketpay.sandbox.stripe.internal.CheckoutView;
import dev.ticketpay.sandbox.stripe.internal.Currencies;
import dev.ticketpay.sandbox.stripe.internal.LineItem;
import dev.ticketpay.sandbox.stripe.internal.PageHandler;
import dev.ticketpay.sandbox.stripe.internal.Params;
import dev.ticketpay.sandbox.stripe.internal.PayResult;
import dev.ticketpay.sandbox.stripe.internal.Reply;
import dev.ticketpay.sandbox.stripe.internal.SandboxState;
import dev.ticketpay.sandbox.stripe.internal.TestCards;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stripe's hosted payment page, reduced to what a test or a developer clicking through the local
 * stack needs: the line items and total, a card field and Pay button, and a link back to the
 * cancel_url. Paying redirects (303) to success_url; a decline re-renders the page with Stripe's
 * message and leaves the session open; expired and completed sessions cannot be paid.
 */
public final class HostedCheckoutPage implements PageHandler {

    private static final Pattern PAGE = Pattern.compile("/checkout/([A-Za-z0-9_]+)/?");
    private static final Pattern PAY = Pattern.compile("/checkout/([A-Za-z0-9_]+)/pay/?");

    /** One column in Stripe's colours; kept on one line, as the page always was. */
    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1f36}"
                    + "table{width:100%;border-collapse:collapse;margin:1rem 0}"
                    + "td,th{text-align:left;padding:.35rem;border-bottom:1px solid #e3e8ee}"
                    + "label{display:block;margin:.6rem 0}input{display:block;width:100%;padding:.5rem;font-size:1rem}"
                    + "button{margin-top:1rem;width:100%;padding:.7rem;font-size:1rem;background:#635bff;color:#fff;"
                    + "border:0;border-radius:6px}"
                    + ".error{color:#df1b41;font-weight:600}"
                    + ".badge{display:inline-block;background:#ffde92;padding:.1rem .5rem;border-radius:4px;"
                    + "font-size:.8rem}"
                    + ".hint{color:#697386;font-size:.85rem}";

    private final SandboxState state;

    public HostedCheckoutPage(SandboxState state) {
        this.state = state;
    }

    @Override
    public Reply handle(String method, String path, Params form) {
        Matcher page = PAGE.matcher(path);
        if (page.matches() && (method.equals("GET") || method.equals("HEAD"))) {
            return show(page.group(1));
        }
        Matcher pay = PAY.matcher(path);
        if (pay.matches() && method.equals("POST")) {
            return pay(pay.group(1), form.string("card"), form.string("email"));
        }
        return Reply.html(404, document("Not found", "<p>There is no page here.</p>"));
    }

    private Reply show(String id) {
        CheckoutView view = state.checkoutView(id);
        if (view == null) {
            return notFound(id);
        }
        return switch (view.status()) {
            case EXPIRED -> expired(view);
            case COMPLETE -> complete(view, 200);
            case OPEN -> Reply.html(200, form(view, null));
        };
    }

    private Reply pay(String id, String card, String email) {
        PayResult result = state.payCheckoutSession(id, card, email);
        return switch (result.outcome()) {
            case NOT_FOUND -> notFound(id);
            case EXPIRED -> expired(result.view());
            case ALREADY_COMPLETE -> complete(result.view(), 409);
            case INVALID_NUMBER ->
                    Reply.html(
                            400,
                            form(result.view(), new Message("Your card number is invalid.", "invalid_number", null)));
            case DECLINED -> {
                TestCards.Decline d = result.decline();
                yield Reply.html(402, form(result.view(), new Message(d.message(), d.code(), d.declineCode())));
            }
            case PAID ->
                    result.view().successUrl() != null
                            ? Reply.redirect(result.view().successUrl())
                            : complete(result.view(), 200);
        };
    }

    private record Message(String text, String code, String declineCode) {}

    private static Reply notFound(String id) {
        return Reply.html(
                404,
                document(
                        "Checkout session not found",
                        "<h1>Something went wrong</h1><p class=\"error\">No such checkout session: " + escape(id)
                                + "</p>"));
    }

    private static Reply expired(CheckoutView view) {
        String back = view.cancelUrl() == null
                ? ""
                : "<p><a id=\"cancel\" href=\"" + escape(view.cancelUrl()) + "\">Return to the merchant</a></p>";
        return Reply.html(
                410,
                document(
                        "Checkout session expired",
                        "<h1>This Checkout Session has expired</h1><p class=\"error\" data-status=\"expired\">This"
                                + " checkout session is no longer active and cannot be paid.</p>"
                                + back));
    }

    private static Reply complete(CheckoutView view, int status) {
        String next = view.successUrl() == null
                ? ""
                : "<p><a id=\"continue\" href=\"" + escape(view.successUrl()) + "\">Continue</a></p>";
        return Reply.html(
                status,
                document(
                        "Payment complete",
                        "<h1>Payment complete</h1><p data-status=\"complete\">This checkout session has already been"
                                + " paid (" + escape(Currencies.format(view.amountTotal(), view.currency())) + ").</p>"
                                + next));
    }

    private static String form(CheckoutView view, Message message) {
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"badge\">TEST MODE &middot; Stripe sandbox</p>");
        b.append("<h1>Pay ")
                .append(escape(Currencies.format(view.amountTotal(), view.currency())))
                .append("</h1>");
        b.append("<table id=\"line-items\"><thead><tr><th>Item</th><th>Qty</th><th>Unit"
                + " price</th><th>Amount</th></tr></thead><tbody>");
        for (LineItem item : view.lineItems()) {
            b.append("<tr class=\"line-item\"><td>").append(escape(item.name()));
            if (item.description() != null) {
                b.append("<br><small>").append(escape(item.description())).append("</small>");
            }
            b.append("</td><td>")
                    .append(item.quantity())
                    .append("</td><td>")
                    .append(escape(Currencies.format(item.unitAmount(), item.currency())))
                    .append("</td><td>")
                    .append(escape(Currencies.format(item.amount(), item.currency())))
                    .append("</td></tr>");
        }
        b.append("</tbody><tfoot><tr><th colspan=\"3\">Total due</th><th id=\"total\">")
                .append(escape(Currencies.format(view.amountTotal(), view.currency())))
                .append("</th></tr></tfoot></table>");
        if (message != null) {
            b.append("<p class=\"error\" role=\"alert\" data-code=\"")
                    .append(escape(message.code()))
                    .append("\"");
            if (message.declineCode() != null) {
                b.append(" data-decline-code=\"")
                        .append(escape(message.declineCode()))
                        .append("\"");
            }
            b.append(">").append(escape(message.text())).append("</p>");
        }
        // an absolute path: after a decline the page is shown again at …/pay, where a relative action would miss
        b.append("<form method=\"post\" action=\"/checkout/")
                .append(escape(view.id()))
                .append("/pay\">");
        if (view.customerEmail() != null) {
            b.append("<p>Email: ").append(escape(view.customerEmail())).append("</p>");
        } else {
            b.append("<label>Email <input type=\"email\" name=\"email\" autocomplete=\"email\"></label>");
        }
        b.append("<label>Card number <input type=\"text\" name=\"card\" inputmode=\"numeric\""
                        + " autocomplete=\"cc-number\"")
                .append(" placeholder=\"4242 4242 4242 4242\" required></label>");
        b.append("<label>Expiry <input type=\"text\" name=\"exp\" placeholder=\"MM / YY\""
                + " autocomplete=\"cc-exp\"></label>");
        b.append("<label>CVC <input type=\"text\" name=\"cvc\" placeholder=\"123\" autocomplete=\"cc-csc\"></label>");
        b.append("<button type=\"submit\" id=\"pay\">Pay ")
                .append(escape(Currencies.format(view.amountTotal(), view.currency())))
                .append("</button>");
        b.append("</form>");
        if (view.cancelUrl() != null) {
            b.append("<p><a id=\"cancel\" href=\"")
                    .append(escape(view.cancelUrl()))
                    .append("\">&larr; Back (cancel)</a></p>");
        }
        b.append("<p class=\"hint\">Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined;"
                + " 4000 0000 0000 9995 has insufficient funds.</p>");
        return document("Checkout", b.toString());
    }

    private static String document(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " &middot; Stripe sandbox</title>"
                + "<style>" + STYLE + "</style></head><body>"
                + body + "</body></html>";
    }
}
