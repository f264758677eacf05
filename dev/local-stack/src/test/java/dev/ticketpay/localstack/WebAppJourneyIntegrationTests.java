package dev.ticketpay.localstack;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import dev.ticketpay.sandbox.stripe.HttpFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static dev.ticketpay.localstack.RunningStack.createEvent;
import static dev.ticketpay.localstack.RunningStack.decodeQr;
import static dev.ticketpay.localstack.RunningStack.get;
import static dev.ticketpay.localstack.RunningStack.post;
import static dev.ticketpay.localstack.RunningStack.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app in a real browser (Debian's chromium, headless, phone-sized) against the whole stack: buyers get
 * free tickets, pay on the sandbox's hosted checkout page or with the card form (payments API v1), cancel, and
 * door staff admit tickets. Every click goes browser → web app → gateway, as a buyer's would. Screenshots of each
 * journey's end are kept in {@code target/screenshots}.
 */
class WebAppJourneyIntegrationTests {

    static LocalStack stack;
    static String app;
    static Browser browser;
    String journey;

    /** A journey that fails leaves a picture of where it stopped. */
    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.screenshot(context.getRequiredTestMethod().getName() + "-failed");
        }
    };

    @BeforeAll
    static void stackAndBrowser() {
        stack = RunningStack.shared();
        app = stack.webAppUrl();
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void name(TestInfo test) {
        journey = test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void aFreeTicketShowsItsQrCodeAtOnce() {
        long event = event("Open Mic", 0, 20);
        String mia = "mia-" + UUID.randomUUID();
        onTheEventsPageAs(mia);
        var card = browser.find("li.event[data-event='" + event + "']");
        assertThat(card.getText()).contains("Open Mic", "Free", "Seats left", "20", "Shibuya");

        buy(event, 2, "button[type=submit]");

        assertThat(qrPayloadOnPage()).startsWith("TP1.");
        assertThat(browser.find("a[download]").getAttribute("href")).startsWith("data:image/png;base64,");
        assertThat(available(event)).isEqualTo(18);
        // one more ticket bought on another device (straight through the API): "My tickets" lists both
        var elsewhere = RunningStack.post(stack.gatewayUrl() + "/api/payments/create-payment-intent/",
                RunningStack.token(mia, "user"), Map.of("event_id", event, "quantity", 1));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
        browser.go(app + "/tickets");
        assertThat(browser.findWithText("ul.tickets li", "Paid").getText()).contains("Open Mic");
        browser.findWithText("ul.tickets li[data-ticket='" + elsewhere.json().get("ticket_id").asLong() + "']", "Paid");
        browser.until(driver -> browser.all("ul.tickets img[data-ticket]").size() == 2);
        browser.screenshot(journey);
    }

    @Test
    void anEventThatHasStartedOffersNoTickets() {
        var created = post(stack.gatewayUrl() + "/api/events", token("organiser", "admin"), Map.of("name", "Matinee",
                "venue", "Shibuya Hall", "starts_at", Instant.now().minus(Duration.ofHours(1))
                        .truncatedTo(ChronoUnit.SECONDS).toString(), "capacity", 10, "price", 0, "currency", "jpy"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long event = created.json().get("id").asLong();

        onTheEventsPageAs("leo-" + UUID.randomUUID());

        var button = browser.find("li.event[data-event='" + event + "'] button[type=submit]");
        assertThat(button.getText()).isEqualTo("Sales closed");
        assertThat(button.isEnabled()).isFalse();
    }

    @Test
    void paysWith4242OnTheCheckoutPageAndEndsOnTheSuccessPageWithItsQrCode() {
        long event = event("Jazz Night", 4500, 10);
        onTheCheckoutPageFor("noa-" + UUID.randomUUID(), event, 2);

        onCheckoutPagePay("4242 4242 4242 4242");

        assertThat(qrPayloadOnPage()).startsWith("TP1.");
        assertThat(browser.url()).startsWith(app + "/payment/success?session_id=cs_test_");
        assertThat(browser.find("main p.notice").getText()).contains("Payment successful");
        assertThat(available(event)).isEqualTo(8);
        browser.screenshot(journey);
    }

    /**
     * Stripe answers the checkout session four 429s (its pauses, 1 + 2 + 4 + 8 s, outlast {@code CHECKOUT_WAIT}),
     * so create-payment-intent answers 503 with Retry-After while the seats stay held. The app says it is asking
     * again and does, with the same Idempotency-Key, and gets the one ticket's checkout page: nothing is reserved
     * twice and the buyer does not lose the seats to a second attempt.
     */
    @Test
    void aBuyerWhoseCheckoutIsQueuedBehindABusyStripeReachesItWithTheSeatsReservedOnce() {
        long event = event("Encore", 5000, 6);
        String buyer = "yui-" + UUID.randomUUID();
        onTheEventsPageAs(buyer);
        whileStripeAnswers429(4, "/v1/checkout/sessions", () -> {
            buy(event, 2, "button[type=submit]");

            browser.findWithText("li.event[data-event='" + event + "'] [role=status]", "busy");
            browser.screenshot(journey + "-asking-again");
            onCheckoutPagePay("4242 4242 4242 4242");
        });

        endsOnTheQrCodeWith(event, 4);
        var tickets = get(stack.gatewayUrl() + "/api/tickets", token(buyer, "user")).json();
        assertThat(tickets.size()).as(tickets.toString()).isEqualTo(1);
        browser.screenshot(journey);
    }

    /**
     * The payments API v1 the same way: Stripe answers the PaymentIntent three 429s, whose pauses (1 + 2 + 4 s) run
     * past {@code STRIPE_MAX_QUEUE_WAIT}, so the intent request answers 503 with Retry-After while the order stays
     * held. The card page says it is asking again, does, and takes the card for the order's one intent.
     */
    @Test
    void aCardPaymentWaitsOutABusyStripeForTheOrdersOneIntent() {
        long event = event("Reprise", 3500, 5);
        onTheEventsPageAs("zoe-" + UUID.randomUUID());
        whileStripeAnswers429(3, "/v1/payment_intents", () -> {
            browser.click("li.event[data-event='" + event + "'] button[name=card]");

            browser.findWithText("main [role=status]", "busy");
            cardForm("4242 4242 4242 4242");
        });

        endsOnTheQrCodeWith(event, 4);
        browser.screenshot(journey);
    }

    /**
     * A reservation waiting for its payment, in "My tickets": an order placed on another device (straight through the
     * API) offers "Pay now" by its order id, and "Release the seats" puts them back on sale at once, not when the
     * hold ends.
     */
    @Test
    void myTicketsOffersAHeldOrderFromAnyDeviceAndReleasesItsSeats() {
        long event = event("Matinee Reprise", 2000, 4);
        String buyer = "amy-" + UUID.randomUUID();
        var order = post(stack.gatewayUrl() + "/api/v1/orders", token(buyer, "user"),
                Map.of("event_id", event, "quantity", 3));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        String orderId = order.json().at("/data/order_id").asString();
        long ticket = order.json().at("/data/ticket_id").asLong();
        assertThat(available(event)).isEqualTo(1);

        signIn(buyer, "user");
        browser.go(app + "/tickets");
        String item = "ul.tickets li[data-ticket='" + ticket + "'] ";
        assertThat(browser.find(item + "a[href='/orders/" + orderId + "/pay']").getText()).isEqualTo("Pay now");
        browser.click(item + "button[name=release]");

        browser.findWithText(item + ".status", "Cancelled");
        assertThat(available(event)).isEqualTo(4);
        browser.screenshot(journey);
    }

    /** A buyer who left Stripe's checkout page without paying goes back to it from "My tickets" and pays. */
    @Test
    void aCheckoutLeftHalfwayIsPaidFromMyTickets() {
        long event = event("Second Set", 3000, 5);
        onTheCheckoutPageFor("ben-" + UUID.randomUUID(), event, 1);
        browser.find("input[name=card]");

        browser.go(app + "/tickets");
        assertThat(browser.find("ul.tickets li .status").getText()).startsWith("Awaiting payment");
        browser.click("ul.tickets li a[href*='/checkout/cs_test_']");
        onCheckoutPagePay("4242 4242 4242 4242");

        endsOnTheQrCodeWith(event, 4);
        browser.screenshot(journey);
    }

    @Test
    void aDeclinedCardCanBeFollowedBy4242() {
        long event = event("Quartet", 3000, 5);
        onTheCheckoutPageFor("oto-" + UUID.randomUUID(), event, 1);

        onCheckoutPagePay("4000 0000 0000 0002");
        browser.findWithText("body", "declined");
        assertThat(browser.url()).doesNotStartWith(app);
        browser.screenshot(journey + "-declined");
        onCheckoutPagePay("4242 4242 4242 4242");

        assertThat(qrPayloadOnPage()).startsWith("TP1.");
        browser.screenshot(journey);
    }

    @Test
    void theCancelLinkReleasesTheSeats() {
        long event = event("Late Show", 2500, 3);
        onTheCheckoutPageFor("pia-" + UUID.randomUUID(), event, 3);
        browser.find("input[name=card]");
        assertThat(available(event)).isZero();

        browser.click("a#cancel");

        assertThat(browser.findWithText("main p.notice", "released").getText()).contains("3 seats were released");
        assertThat(browser.url()).startsWith(app + "/payment/cancel?ticket_id=");
        assertThat(available(event)).isEqualTo(3);
        browser.click("main a[href='/']");
        assertThat(browser.find("li.event[data-event='" + event + "'] .seats-left").getText()).isEqualTo("3");
        browser.screenshot(journey);
    }

    @Test
    void paysAnOrderWithTheCardFormAfterADeclineAndTheStatusPageShowsTheTicket() {
        long event = event("Strings", 4500, 10);
        onTheEventsPageAs("rio-" + UUID.randomUUID());
        browser.type("li.event[data-event='" + event + "'] input[name=quantity]", "2");
        browser.click("li.event[data-event='" + event + "'] button[name=card]");

        cardForm("4000 0000 0000 0002");
        assertThat(browser.findWithText("main .error", "declined").getText()).isEqualTo("Your card was declined.");
        browser.screenshot(journey + "-declined");
        cardForm("4242 4242 4242 4242");

        assertThat(qrPayloadOnPage()).startsWith("TP1.");
        assertThat(browser.url()).matches(app + "/payments/[0-9a-f-]+\\?order_id=[0-9a-f-]+&redirect_status=succeeded");
        assertThat(available(event)).isEqualTo(8);
        browser.screenshot(journey);
    }

    @Test
    void doorStaffAdmitATicketOnceAndABuyerIsKeptOffTheStaffPage() {
        long event = event("Door Test", 0, 5);
        String buyer = token("sam-" + UUID.randomUUID(), "user");
        long ticket = post(stack.gatewayUrl() + "/api/payments/create-payment-intent/", buyer,
                Map.of("event_id", event, "quantity", 2)).json().get("ticket_id").asLong();
        String payload = get(stack.gatewayUrl() + "/api/tickets/" + ticket + "/qr", buyer).json().get("payload")
                .asString();

        signIn("tia-" + UUID.randomUUID(), "user");
        browser.go(app + "/check-in");
        assertThat(browser.find("main .error").getText()).contains("This page is for door staff");
        assertThat(browser.all("#check-in-form")).isEmpty();
        browser.screenshot(journey + "-buyer");

        signIn("uma-" + UUID.randomUUID(), "staff");
        browser.go(app + "/check-in");
        checkIn(event, payload);
        var admitted = browser.find("[data-verdict=admitted]");
        assertThat(admitted.getText()).contains("Admitted", "Ticket " + ticket, "2 people");
        browser.screenshot(journey + "-admitted");

        checkIn(event, payload);
        var again = browser.find("[data-verdict=already]");
        assertThat(again.getText()).contains("Already admitted", "admitted at");
        browser.screenshot(journey + "-again");

        checkIn(event, "TP1.forged.signature");
        assertThat(browser.find("[data-verdict=refused]").getText()).startsWith("Refused");
        browser.screenshot(journey + "-refused");
    }

    @Test
    void doorStaffScanATicketWithThePhonesCamera() throws Exception {
        long event = event("Camera Test", 0, 5);
        String buyer = token("val-" + UUID.randomUUID(), "user");
        var bought = post(stack.gatewayUrl() + "/api/payments/create-payment-intent/", buyer,
                Map.of("event_id", event, "quantity", 1)).json();
        // the camera films the buyer's QR code: chromium's fake camera plays it from a file
        Path film = Files.createDirectories(Path.of("target", "camera"))
                .resolve("ticket-" + bought.get("ticket_id").asLong() + ".y4m");
        Files.write(film, y4mFrame(bought.get("qr_code_data").asString()));

        try (var phone = Browser.open("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + film.toAbsolutePath())) {
            phone.go(app + "/login?as=wes-" + UUID.randomUUID() + "&roles=staff");
            phone.findWithText("#who", "Signed in as");
            phone.go(app + "/check-in");
            new Select(phone.find("#event")).selectByValue(Long.toString(event));
            phone.click("#check-in-form button.secondary");

            assertThat(phone.find("[data-verdict=admitted]").getText()).contains("Admitted",
                    "Ticket " + bought.get("ticket_id").asLong());
            assertThat(phone.find("#payload").getAttribute("value")).startsWith("TP1.");
            phone.screenshot(journey);
        }
    }

    /** One frame of YUV4MPEG2 video (4:2:0) showing the PNG on a white 640x480 picture. */
    private static byte[] y4mFrame(String pngBase64) throws Exception {
        var qr = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(pngBase64)));
        int width = 640;
        int height = 480;
        var frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = frame.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        int side = 400;
        graphics.drawImage(qr, (width - side) / 2, (height - side) / 2, side, side, null);
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\nFRAME\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = frame.getRGB(x, y);
                out.write((int) (0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff)));
            }
        }
        byte[] chroma = new byte[width * height / 2];
        java.util.Arrays.fill(chroma, (byte) 128);
        out.write(chroma);
        return out.toByteArray();
    }

    @Test
    void anAdminCreatesAndEditsAnEventAndABuyerCannot() {
        signIn("xia-" + UUID.randomUUID(), "user");
        browser.go(app + "/admin");
        assertThat(browser.find("main .error").getText()).contains("This page is for administrators");
        assertThat(browser.all("#new-form")).isEmpty();

        signIn("ada-" + UUID.randomUUID(), "admin");
        browser.go(app + "/admin");
        String name = "Admin Night " + UUID.randomUUID().toString().substring(0, 8);
        browser.type("#new-name", name);
        browser.type("#new-venue", "Osaka Castle Hall");
        browser.setValue("#new-starts_at", "2027-10-01T19:30");
        browser.type("#new-capacity", "40");
        browser.type("#new-price", "6000");
        browser.click("#new-form button[type=submit]");
        String created = browser.findWithText("#admin-message .notice", "was created").getText();
        long event = Long.parseLong(created.replaceAll("^Event (\\d+) .*$", "$1"));
        var stored = get(stack.gatewayUrl() + "/api/events/" + event, token("viewer", "user")).json();
        assertThat(stored.get("name").asString()).isEqualTo(name);
        assertThat(stored.get("price").asLong()).isEqualTo(6000);
        assertThat(stored.get("capacity").asInt()).isEqualTo(40);

        browser.click("li.event[data-event='" + event + "'] summary");
        browser.type("#edit-" + event + "-capacity", "25");
        browser.click("#edit-" + event + "-form button[type=submit]");
        browser.findWithText("#admin-message .notice", "was saved");
        assertThat(available(event)).isEqualTo(25);
        browser.screenshot(journey);
    }

    @Test
    void signsInWithTheAuthorizationCodeFlowAndPkce() {
        browser.go(app + "/login");
        browser.click("main button");
        browser.find("form[action='/oauth2/authorize']");
        assertThat(browser.url()).startsWith(stack.issuer().issuer() + "/oauth2/authorize?response_type=code")
                .contains("code_challenge_method=S256");
        String name = "vic-" + UUID.randomUUID();
        browser.type("#sub", name);
        browser.type("#roles", "staff");
        browser.click("button[type=submit]");

        browser.findWithText("#who", "Signed in as " + name);
        assertThat(browser.url()).isEqualTo(app + "/");
        browser.findWithText("main h1", "Events");
        browser.go(app + "/check-in");
        browser.find("#check-in-form");
        browser.screenshot(journey);
    }

    private void signIn(String subject, String role) {
        browser.go(app + "/login?as=" + subject + "&roles=" + role);
        browser.findWithText("#who", "Signed in as " + subject);
    }

    /** Given: a buyer signed in, on the events page, where every purchase in the app starts. */
    private void onTheEventsPageAs(String buyer) {
        signIn(buyer, "user");
        browser.go(app + "/");
    }

    /** Given: a buyer who chose {@code quantity} seats on the events page and went on to Stripe's checkout page. */
    private void onTheCheckoutPageFor(String buyer, long event, int quantity) {
        onTheEventsPageAs(buyer);
        buy(event, quantity, "button[type=submit]");
    }

    private void buy(long event, int quantity, String button) {
        String card = "li.event[data-event='" + event + "'] ";
        browser.type(card + "input[name=quantity]", Integer.toString(quantity));
        browser.click(card + button);
    }

    private void onCheckoutPagePay(String cardNumber) {
        browser.type("input[name=card]", cardNumber);
        browser.click("#pay");
    }

    private void cardForm(String cardNumber) {
        browser.type("#card-number", cardNumber);
        browser.type("#card-expiry", "12/34");
        browser.type("#card-cvc", "123");
        browser.click("#card-form button[type=submit]");
    }

    private void checkIn(long event, String payload) {
        new Select(browser.find("#event")).selectByValue(Long.toString(event));
        browser.type("#payload", payload);
        browser.click("#check-in-form button[type=submit]");
        browser.until(driver -> driver.findElements(By.cssSelector("#verdict [data-verdict]")).isEmpty() ? null : true);
    }

    /** {@code journey} while the Stripe sandbox answers the next {@code times} POSTs to {@code path} with 429. */
    private static void whileStripeAnswers429(int times, String path, Runnable journey) {
        stack.sandbox().faults().inject(HttpFault.rateLimit(times).on("POST", path));
        try {
            journey.run();
        }
        finally {
            stack.sandbox().faults().clear();
        }
    }

    /** Then: the buyer's QR code is on the page, and {@code seatsLeft} seats of the event are still on sale. */
    private void endsOnTheQrCodeWith(long event, int seatsLeft) {
        assertThat(qrPayloadOnPage()).startsWith("TP1.");
        assertThat(available(event)).isEqualTo(seatsLeft);
    }

    /** The QR code on the page, read as a door scanner would read the picture the buyer is shown. */
    private String qrPayloadOnPage() {
        String source = browser.find("main img[data-ticket]").getAttribute("src");
        assertThat(source).startsWith("data:image/png;base64,");
        return decodeQr(source.substring("data:image/png;base64,".length()));
    }

    private static long event(String name, long price, int capacity) {
        return createEvent(name, capacity, price);
    }

    private static int available(long event) {
        return get(stack.gatewayUrl() + "/api/events/" + event, token("viewer", "user")).json().get("available")
                .asInt();
    }
}
