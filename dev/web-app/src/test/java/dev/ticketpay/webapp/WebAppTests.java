package dev.ticketpay.webapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The web app's server over real HTTP. */
class WebAppTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesItsFilesAndForgetsNamesThatAreNotThere() throws Exception {
        try (var app = WebApp.start(new WebAppSettings(0, "http://localhost:8000", "http://localhost:9000",
                "ticketpay-web", true, "", ""))) {
            assertThat(get(app, "/app.js").statusCode()).isEqualTo(200);
            assertThat(get(app, "/app.js").body()).contains("import");
            for (int i = 0; i < 50; i++) {
                var missing = get(app, "/no-such-file-" + i + ".js");
                assertThat(missing.statusCode()).isEqualTo(404);
            }
            assertThat(app.filesKept()).as("only the file that exists is kept").isEqualTo(1);
        }
    }

    private HttpResponse<String> get(WebApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
