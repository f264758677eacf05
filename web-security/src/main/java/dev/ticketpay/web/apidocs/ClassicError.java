package dev.ticketpay.web.apidocs;

import io.swagger.v3.oas.annotations.media.Schema;

/** The classic purchase API's error, as {@link dev.ticketpay.web.ErrorShape#CLASSIC} writes it. */
@Schema(name = "ClassicError", description = "Every error of the classic purchase API and the catalog")
public record ClassicError(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Not enough tickets available.")
        String detail) {
}
