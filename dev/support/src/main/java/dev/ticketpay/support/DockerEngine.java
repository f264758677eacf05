package dev.ticketpay.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked the way Testcontainers asks. Testcontainers' own probe takes seconds and
 * logs an error when there is none, so it is asked only when some Docker endpoint is configured at all: a
 * {@code DOCKER_HOST}, a Testcontainers configuration file, or one of the sockets Docker, Docker Desktop, rootless
 * Docker, Colima and Rancher Desktop create. On a machine with none (CI) the answer is immediate and silent.
 */
final class DockerEngine {

    private DockerEngine() {
    }

    static boolean available() {
        return endpointConfigured() && DockerClientFactory.instance().isDockerAvailable();
    }

    static boolean endpointConfigured() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        var candidates = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
                Path.of(home, ".testcontainers.properties"), Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".docker/desktop/docker.sock"), Path.of(home, ".colima/default/docker.sock"),
                Path.of(home, ".rd/docker.sock")));
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null) {
            candidates.add(Path.of(runtime, "docker.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }
}
