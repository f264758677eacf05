package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service running in its own JVM from its {@code -exec} jar, as it would in production. It can be killed
 * (SIGKILL, no shutdown hooks run) and started again from the same jar and environment, as a crashed
 * container is restarted by its orchestrator.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path jar;
    private final AotCache aot;
    private final Map<String, String> environment;
    private final Path log;
    private volatile Process process;

    private ServiceProcess(String name, int port, Path jar, AotCache aot, Map<String, String> environment,
            Path log) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.aot = aot;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /**
     * Starts {@code module}'s jar with this environment, from its AOT cache unless that is null; its output goes to
     * {@code logs/<name>.log}.
     */
    static ServiceProcess start(Path root, String module, String name, int port, Map<String, String> environment,
            Path logs, AotCache aot) {
        try {
            Files.createDirectories(logs);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        var service = new ServiceProcess(name, port, execJar(root, module), aot, environment,
                logs.resolve(name + ".log"));
        service.launch(Map.of(), false);
        return service;
    }

    private synchronized void launch(Map<String, String> overrides, boolean append) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions());
        command.addAll(aot != null ? aot.launchArguments() : List.of("-jar", jar.toString()));
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().putAll(overrides);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            process = builder.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /**
     * The services' JVM flags: {@code SERVICE_JVM_OPTIONS} from the launcher's environment, split at spaces, or by
     * default flags for a quick start (C1 only, serial GC). Measure with the normal JIT:
     * {@code SERVICE_JVM_OPTIONS="-Xms64m -Xmx384m -XX:+UseSerialGC"}.
     */
    /** This JVM's own {@code java}: the services run on the JDK the stack runs on. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The AOT cache of {@code module}'s jar in {@code directory}, recorded first if needed; null if none. */
    static AotCache aotCache(Path root, String module, Path directory, Map<String, String> environment,
            boolean train) {
        return AotCache.prepare(java(), execJar(root, module), jvmOptions(), directory, environment, train);
    }

    static List<String> jvmOptions() {
        String options = System.getenv("SERVICE_JVM_OPTIONS");
        if (options == null || options.isBlank()) {
            return List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        }
        return List.of(options.trim().split("\\s+"));
    }

    /** Kills the JVM with SIGKILL: no shutdown hook, no graceful close of connections or consumers. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the service again from the same jar and environment (plus {@code overrides}), on the same port;
     * the log file continues. A running process is stopped first as an orchestrator's rolling restart does
     * (SIGTERM, so its consumers leave their groups); {@link #kill()} first for a crash. Does not wait: see
     * {@link #awaitReady}.
     */
    void restart(Map<String, String> overrides) {
        if (process.isAlive()) {
            close();
        }
        launch(overrides, true);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** A thread dump of the running JVM ({@code jcmd <pid> Thread.print}), or why there is none. */
    String threadDump() {
        Path jcmd = ProcessHandle.current().info().command().map(Path::of).map(java -> java.resolveSibling("jcmd"))
                .orElse(Path.of("jcmd"));
        try {
            var dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] out = dump.getInputStream().readAllBytes();
            dump.waitFor(30, TimeUnit.SECONDS);
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            return "no thread dump of " + name + ": " + e;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump of " + name + ": interrupted";
        }
    }

    /** The last lines of a log, so that a failure report carries its cause even after the log is overwritten. */
    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits until the service says it is ready (database and Kafka reachable). */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        var request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            Process process = this.process;
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; the end of " + log
                        + ":\n" + tail(log, 40));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    String name() {
        return name;
    }

    String url() {
        return "http://localhost:" + port;
    }

    Path log() {
        return log;
    }

    /**
     * Stops the service the way an orchestrator does: SIGTERM, a grace period, then SIGKILL. A training run's JVM
     * writes its AOT cache as it exits, which takes longer; once it has, the cache is kept for the next starts.
     */
    @Override
    public void close() {
        Process process = this.process;
        boolean training = aot != null && aot.training();
        process.destroy();
        try {
            if (process.waitFor(training ? 300 : 20, TimeUnit.SECONDS)) {
                if (training) {
                    aot.adoptTraining();
                }
            }
            else {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path execJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runnable jar in " + target
                            + ": build first with ./mvnw -DskipTests package"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
