package dev.ticketpay.web;

import dev.ticketpay.web.apidocs.ApiDocumentShapes;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.providers.ObjectMapperProvider;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * What every reactive web application of ticketpay answers alike: errors in the route's shape
 * ({@link ErrorAnswers}, with the service's {@link FailureAnswers} tables), and, in a service that serves an
 * OpenAPI document, the token and error shapes in it.
 */
@AutoConfiguration(afterName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class WebAnswers {

    @Bean
    ErrorAnswers errorAnswers(ObjectProvider<FailureAnswers> domainFailures) {
        return new ErrorAnswers(domainFailures.orderedStream().toList());
    }

    /** The service's OpenAPI document (springdoc), completed with the token and error shapes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(type = "org.springdoc.core.providers.ObjectMapperProvider")
    static class ApiDocuments {

        @Bean
        ApiDocumentShapes apiDocumentShapes(@Value("${spring.application.name}") String service) {
            return new ApiDocumentShapes(service);
        }

        /**
         * Registered first: springdoc adds each converter in front of the chain and replaces the default resolver
         * by this one, so first means last in the chain, behind springdoc's own (which unwrap {@code Mono} and
         * friends). Registered after them, it would answer every type itself, {@code Mono<T>} as an empty bean.
         */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ModelResolver snakeCaseModels(ObjectMapperProvider mappers) {
            return ApiDocumentShapes.snakeCaseModels(mappers);
        }

        /**
         * springdoc builds the document on its first request, reading the jar's class files as it goes, and keeps
         * it: that read must not happen on an event loop, so the document's paths run on boundedElastic.
         */
        @Bean
        WebFilter apiDocumentsOffTheEventLoop(@Value("${springdoc.api-docs.path:/v3/api-docs}") String path) {
            return (exchange, chain) -> exchange.getRequest().getPath().value().startsWith(path)
                    ? chain.filter(exchange).subscribeOn(Schedulers.boundedElastic())
                    : chain.filter(exchange);
        }
    }
}
