package dev.ticketpay.qr;

import dev.ticketpay.support.DevInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one qr-service context every integration test runs in, on real Kafka, PostgreSQL and JWTs. One context
 * matters: each context would sign with its own throw-away key and compete for the same topics, so a ticket
 * issued by one could not be checked in by another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class QrServiceIntegration {

    static final DevInfrastructure infrastructure = DevInfrastructure.shared();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry, "qrcodes");
    }
}
