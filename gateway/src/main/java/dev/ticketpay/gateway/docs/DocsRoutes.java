package dev.ticketpay.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /v3/api-docs}, {@code /docs} (Swagger UI from its WebJar, no CDN) and {@code /docs/events}. They are
 * answered by the gateway itself, before any route, from memory: the UI's files and the events page are made once,
 * the combined document is kept (see {@link CombinedApiDocument}), and browsers may keep them for a minute too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocsSettings.class)
class DocsRoutes {

    private static final CacheControl KEEP_A_MINUTE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    @Bean
    CombinedApiDocument combinedApiDocument(GatewayProperties gateway, ApiDocsSettings settings) {
        return new CombinedApiDocument(gateway, WebClient.builder(), settings);
    }

    @Bean
    RouterFunction<ServerResponse> docs(CombinedApiDocument document) {
        byte[] swaggerPage = read(new ClassPathResource("docs/index.html"));
        byte[] eventsPage = EventsPage.render(new ClassPathResource("docs/asyncapi.yaml"));
        return RouterFunctions.route()
                .GET("/v3/api-docs", request -> document.json().flatMap(json -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).cacheControl(KEEP_A_MINUTE).bodyValue(json)))
                .GET("/docs", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(KEEP_A_MINUTE).bodyValue(swaggerPage))
                .GET("/docs/events", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(KEEP_A_MINUTE).bodyValue(eventsPage))
                .build()
                .and(RouterFunctions.resources("/docs/swagger-ui/**", swaggerUi()));
    }

    /** The WebJar's folder, whatever its version ({@code META-INF/resources/webjars/swagger-ui/<version>/}). */
    private static Resource swaggerUi() {
        try {
            Resource[] bundles = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/resources/webjars/swagger-ui/*/swagger-ui-bundle.js");
            if (bundles.length == 0) {
                throw new IllegalStateException("The swagger-ui WebJar is not on the classpath");
            }
            return bundles[0].createRelative("./");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Resource resource) {
        try (var in = resource.getInputStream()) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
