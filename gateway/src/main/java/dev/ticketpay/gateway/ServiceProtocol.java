package dev.ticketpay.gateway;

import reactor.netty.http.HttpProtocol;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The protocol the gateway speaks to the services. HTTP/1.1 carries one request at a time on a connection, so a
 * burst of buyers opens a connection to the service for each request in flight; h2c (HTTP/2 over plain TCP, which
 * the services accept beside HTTP/1.1 when started with {@code SERVICE_H2C=true}) carries them all as streams of a few
 * connections.
 */
@Configuration(proxyBeanMethods = false)
class ServiceProtocol {

    @Bean
    HttpClientCustomizer serviceProtocolCustomizer(@Value("${ticketpay.service-protocol}") HttpProtocol protocol) {
        // H2 needs TLS, which the services do not serve: every request would fail, so the gateway does not start
        if (protocol != HttpProtocol.HTTP11 && protocol != HttpProtocol.H2C) {
            throw new IllegalArgumentException(
                    "ticketpay.service-protocol (GATEWAY_SERVICE_PROTOCOL) is HTTP11 or H2C, not " + protocol);
        }
        return client -> client.protocol(protocol);
    }
}
