package dev.ticketpay.web.apidocs;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The payments API v1's error envelope, as {@link dev.ticketpay.web.ErrorShape#V1} writes it. */
@Schema(name = "V1Error", description = "Every error under /api/v1/")
public record V1Error(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "error") String status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Order not found.") String error,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "404") int code,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "{\"field\": \"order_id\"}",
                description = "the field at fault, when there is one")
        Map<String, String> details) {
}
