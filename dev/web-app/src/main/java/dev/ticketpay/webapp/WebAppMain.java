package dev.ticketpay.webapp;

import java.util.concurrent.CountDownLatch;

/** The web app's container: serves it until the process is stopped. */
public final class WebAppMain {

    public static void main(String[] args) throws InterruptedException {
        var app = WebApp.start(WebAppSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "web-app-stop"));
        System.out.println("ticketpay web app on " + app.url());
        new CountDownLatch(1).await();
    }

    private WebAppMain() {
    }
}
