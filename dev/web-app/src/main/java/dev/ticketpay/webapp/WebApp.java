package dev.ticketpay.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the web app: the static files under {@code web-app/} on the class path, {@code /config.js} made from
 * the settings, and {@code index.html} for every other path (the app routes in the browser, so
 * {@code /payment/success?…} and {@code /check-in} open the app). Files are read once, off the event loop, and
 * kept in memory: the whole app is a few dozen kilobytes.
 */
public final class WebApp implements AutoCloseable {

    private static final String ROOT = "web-app/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8", "png", "image/png");

    private final DisposableServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final byte[] config;
    private final String contentSecurityPolicy;

    private WebApp(WebAppSettings settings) {
        this.config = configScript(settings);
        this.contentSecurityPolicy = contentSecurityPolicy(settings);
        this.server = HttpServer.create()
                .bindAddress(() -> new InetSocketAddress("0.0.0.0", settings.port()))
                .handle(this::serve)
                .bindNow(Duration.ofSeconds(10));
    }

    /** Starts serving; {@link #url()} says where. */
    public static WebApp start(WebAppSettings settings) {
        return new WebApp(settings);
    }

    public String url() {
        return "http://localhost:" + server.port();
    }

    public int port() {
        return server.port();
    }

    private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        if (!"GET".equals(request.method().name()) && !"HEAD".equals(request.method().name())) {
            return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).header(HttpHeaderNames.ALLOW, "GET, HEAD")
                    .send();
        }
        String path = request.path();
        if (path.equals("config.js")) {
            return send(response, TYPES.get("js"), config, "no-store");
        }
        int dot = path.lastIndexOf('.');
        boolean isFile = dot > path.lastIndexOf('/') && !path.contains("..");
        String name = isFile ? path : "index.html";
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        return Mono.fromCallable(() -> file(name)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(content -> content.isPresent()
                        ? send(response, type, content.get(), isFile ? "max-age=60" : "no-cache")
                        : response.status(HttpResponseStatus.NOT_FOUND)
                                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                                .sendString(Mono.just("Not found: /" + path)).then());
    }

    /**
     * The file's bytes, kept once found. A name that is not there is not remembered: clients choose the names, and
     * remembering every miss would let them fill the memory.
     */
    private Optional<byte[]> file(String name) {
        byte[] known = files.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] content = in.readAllBytes();
            files.putIfAbsent(name, content);
            return Optional.of(content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many files are kept in memory. */
    int filesKept() {
        return files.size();
    }

    private Mono<Void> send(HttpServerResponse response, String type, byte[] body, String caching) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, type)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header(HttpHeaderNames.CACHE_CONTROL, caching)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .sendByteArray(Mono.just(body)).then();
    }

    /**
     * Scripts from this origin only (plus Stripe.js when real Stripe takes the card), and requests to the gateway,
     * the OpenID provider and Stripe only: text from the API could never run, nor send anything elsewhere.
     */
    private static String contentSecurityPolicy(WebAppSettings settings) {
        boolean realStripe = settings.stripeApiBase().isBlank();
        String stripe = realStripe ? " https://api.stripe.com" : " " + settings.stripeApiBase();
        return "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
                + "; script-src 'self'" + (realStripe ? " https://js.stripe.com" : "")
                + "; frame-src " + (realStripe ? "https://js.stripe.com https://hooks.stripe.com" : "'none'")
                + "; connect-src 'self' " + settings.gatewayUrl() + " " + settings.issuerUrl() + stripe;
    }

    /** The settings the browser's code reads from {@code /config.js}: all but the server's own port. */
    private record BrowserSettings(String gatewayUrl, String issuerUrl, String clientId, boolean devSignIn,
            String stripePublishableKey, String stripeApiBase) {

        static BrowserSettings of(WebAppSettings settings) {
            return new BrowserSettings(settings.gatewayUrl(), settings.issuerUrl(), settings.clientId(),
                    settings.devSignIn(), settings.stripePublishableKey(), settings.stripeApiBase());
        }
    }

    private static byte[] configScript(WebAppSettings settings) {
        String json = JsonMapper.builder().build().writeValueAsString(BrowserSettings.of(settings));
        return ("// generated by the web app's server from its settings\nexport default Object.freeze(" + json
                + ");\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
