package dev.ticketpay.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.reactive.function.client.WebClient;

/** The pool of connections a service calls the others on ({@link ServiceClients}). */
@AutoConfiguration
@ConditionalOnClass(WebClient.class)
public class ServiceClientsConfiguration {

    /** Created when a client needs it (none in the gateway) and closed with the application. */
    @Bean
    @Lazy
    ServiceClients serviceClients(
            @Value("${ticketpay.service-clients.max-idle-time:${SERVICE_CLIENT_MAX_IDLE_TIME:30s}}")
            Duration maxIdleTime,
            @Value("${ticketpay.service-clients.max-life-time:5m}") Duration maxLifeTime,
            @Value("${ticketpay.service-clients.eviction-interval:10s}") Duration evictionInterval) {
        return new ServiceClients(new ServiceClients.Settings(maxIdleTime, maxLifeTime, evictionInterval));
    }
}
