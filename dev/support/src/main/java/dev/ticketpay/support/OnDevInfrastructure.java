package dev.ticketpay.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring Boot test on the {@link DevInfrastructure shared test infrastructure}: Kafka, a database of its own
 * named {@link #value()} (R2DBC and Flyway) and the dev token issuer for JWTs, started once per test JVM.
 * Put it on a test class or on the base class a service's tests share.
 *
 * <p>A class that carries it gets an application context of its own, as a {@code @DynamicPropertySource} in that
 * class would; classes that inherit it from one base class share the base's context when nothing else differs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface OnDevInfrastructure {

    /** The service's database on the shared PostgreSQL server, created on first use. */
    String value();
}
