package dev.ticketpay.web.apidocs;

import java.util.Map;

import dev.ticketpay.web.ErrorShape;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;

/**
 * Completes a service's generated document the same way in every service, so the controllers only say what is
 * theirs: every error answer of a public route ({@code /api/…}) gets its route's shape ({@link ErrorShape}:
 * {@link ClassicError} or the {@link V1Error} envelope), and every operation needs the bearer JWT unless it
 * declares {@code security = {}} itself (the Stripe webhook, the QR public key); those get a 401 answer too.
 */
public final class ApiDocumentShapes implements OpenApiCustomizer {

    /** The security scheme's name in the documents. */
    public static final String BEARER = "bearer-jwt";
    private static final String UNAUTHORIZED = "401";

    private final String title;

    public ApiDocumentShapes(String title) {
        this.title = title;
    }

    /**
     * Schemas named as the services write JSON: snake_case ({@code spring.jackson.property-naming-strategy}).
     * springdoc reads models with a Jackson 2 mapper of its own, which knows nothing of Boot's Jackson 3 settings;
     * a copy, since the original also writes the document itself.
     */
    public static ModelResolver snakeCaseModels(ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Override
    public void customise(OpenAPI document) {
        document.info(new Info().title(title).version("v1")
                .description("ticketpay " + title + "; the public routes are served through the gateway."));
        if (document.getComponents() == null) {
            document.components(new Components());
        }
        document.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT"));
        for (Class<?> shape : new Class<?>[] {ClassicError.class, V1Error.class}) {
            ModelConverters.getInstance().readAll(new AnnotatedType(shape))
                    .forEach((name, schema) -> document.getComponents().addSchemas(name, schema));
        }
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            boolean secured = operation.getSecurity() == null;
            if (secured) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                if (path.startsWith("/api/") && !operation.getResponses().containsKey(UNAUTHORIZED)) {
                    operation.getResponses().addApiResponse(UNAUTHORIZED, new ApiResponse()
                            .description("Missing or invalid JWT token"));
                }
            }
            if (path.startsWith("/api/")) {
                shapeErrors(path, operation);
            }
        }));
    }

    private static void shapeErrors(String path, Operation operation) {
        String shape = ErrorShape.forPath(path) == ErrorShape.V1 ? "V1Error" : "ClassicError";
        for (Map.Entry<String, ApiResponse> answer : operation.getResponses().entrySet()) {
            if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                answer.getValue().content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + shape))));
            }
        }
    }
}
