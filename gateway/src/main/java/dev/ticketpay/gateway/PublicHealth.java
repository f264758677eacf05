package dev.ticketpay.gateway;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The one actuator endpoint the public port answers: health ({@code /actuator/health}, its groups such as
 * {@code /readiness} and {@code /liveness}), without details, for load balancers and orchestrators that probe the
 * public port. The actuator itself — health with details, prometheus — lives on the management port
 * ({@code MANAGEMENT_PORT}, 8001), which is never public.
 */
@Configuration(proxyBeanMethods = false)
class PublicHealth {

    private static final String BASE = "/actuator/health";

    @Bean
    RouterFunction<ServerResponse> publicHealthRoute(ReactiveHealthEndpointWebExtension health) {
        return RouterFunctions.route(RequestPredicates.GET(BASE).or(RequestPredicates.GET(BASE + "/**")),
                request -> answer(health, request));
    }

    private static Mono<ServerResponse> answer(ReactiveHealthEndpointWebExtension health, ServerRequest request) {
        String rest = request.path().substring(BASE.length());
        String[] path = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/");
        return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, path)
                .flatMap(response -> response.getBody() == null
                        ? ServerResponse.status(response.getStatus()).build()
                        : ServerResponse.status(response.getStatus()).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(response.getBody()));
    }
}
