package dev.ticketpay.gateway;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway under test in front of the shared stand-in backend ({@link StandInBackend#shared()}), trusting the
 * shared dev token issuer. Subclasses are {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} with a
 * {@code WebTestClient}.
 */
abstract class BehindStandInBackend {

    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, StandInBackend.shared(), tokens);
    }

    @Autowired WebTestClient client;
}
