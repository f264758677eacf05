package dev.ticketpay.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static dev.ticketpay.support.TestInfrastructure.CONTAINERS;
import static dev.ticketpay.support.TestInfrastructure.EMBEDDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestInfrastructureTests {

    private final AtomicInteger dockerAsked = new AtomicInteger();

    private boolean docker(boolean available) {
        dockerAsked.incrementAndGet();
        return available;
    }

    @Test
    void autoChoosesContainersWhenDockerAnswers() {
        var choice = TestInfrastructure.choose(null, () -> docker(true));
        assertThat(choice.infrastructure()).isEqualTo(CONTAINERS);
        assertThat(choice.reason()).isEqualTo("a Docker engine answers");
    }

    @Test
    void autoFallsBackToEmbeddedWithoutDocker() {
        assertThat(TestInfrastructure.choose("auto", () -> docker(false)).infrastructure()).isEqualTo(EMBEDDED);
        assertThat(TestInfrastructure.choose(" ", () -> docker(false)).reason()).isEqualTo("no Docker engine");
    }

    @Test
    void anOverrideWinsWithoutAskingDocker() {
        assertThat(TestInfrastructure.choose("embedded", () -> docker(true)).infrastructure()).isEqualTo(EMBEDDED);
        assertThat(TestInfrastructure.choose("CONTAINERS", () -> docker(false)).infrastructure())
                .isEqualTo(CONTAINERS);
        assertThat(dockerAsked).hasValue(0);
    }

    @Test
    void rejectsAnUnknownOverrideNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> TestInfrastructure.choose("docker", () -> true))
                .withMessage("ticketpay.test.infrastructure (or TICKETPAY_TEST_INFRASTRUCTURE) must be embedded,"
                        + " containers or auto, not 'docker'");
    }
}
