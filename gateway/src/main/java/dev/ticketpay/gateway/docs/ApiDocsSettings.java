package dev.ticketpay.gateway.docs;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway keeps the combined OpenAPI document.
 *
 * @param refresh how long a combined document of every service is served before the services are asked again
 * @param retry how long a document missing a service (it did not answer) is served before asking again
 * @param timeout how long one service may take to answer with its document (springdoc makes it on the first
 *         request, which takes seconds on a cold JVM; then it is kept)
 */
@Validated
@ConfigurationProperties("ticketpay.api-docs")
public record ApiDocsSettings(@NotNull @DurationMin(millis = 1) @DefaultValue("5m") Duration refresh,
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration retry,
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration timeout) {
}
