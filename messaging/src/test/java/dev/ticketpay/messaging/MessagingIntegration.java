package dev.ticketpay.messaging;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.OnDevInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The messaging test application on the shared Kafka and PostgreSQL, and the two things every test here starts
 * from: the outbox and a transaction to append to it in, as a service's command handler does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OnDevInfrastructure("messaging")
abstract class MessagingIntegration {

    static final DevInfrastructure infrastructure = DevInfrastructure.shared();

    @Autowired Outbox outbox;
    @Autowired TransactionalOperator transactions;
}
