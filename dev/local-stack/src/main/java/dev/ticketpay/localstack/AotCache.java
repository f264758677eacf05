package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDK AOT cache for one service, so that the local stack starts quickly from the second time on. The cache keeps
 * the classes the service loaded and linked and the JIT's early profiles (JEP 483, 514, 515); a start that maps it
 * skips most of that work. It only covers classes loaded from plain jars on the class path, so the service runs
 * from its jar extracted in Spring Boot's tools jar mode, not from the nested {@code -exec} jar.
 *
 * <p>The first start extracts the jar and runs it once with the stack's infrastructure until its application
 * context is refreshed ({@code spring.context.exit=onRefresh}), recording the cache. A jar with other contents,
 * another JDK or other JVM flags make a new one. A failed recording is logged and the service starts without a cache.
 *
 * <p>Such a cache knows the start-up only. A <em>training</em> run records another one over the service's whole
 * run ({@code -XX:AOTCacheOutput}; the JVM writes it when it exits), with the JIT's profiles of the work it did
 * under load: a later start compiles the hot request paths at once instead of profiling them again first (JEP 515).
 * Once the service stopped cleanly, that cache replaces the start-up one, marked {@value #TRAINED}.
 *
 * @param jar the service's extracted jar
 * @param cache the cache the service starts from
 * @param training this run is a training run: the JVM writes a new cache beside {@code cache} when it exits
 */
record AotCache(Path jar, Path cache, boolean training) {

    private static final Logger log = LoggerFactory.getLogger(AotCache.class);

    /** Beside the cache when it comes from a training run: when that run ended. */
    static final String TRAINED = "trained";

    private static final String TRAINING_OUTPUT = "training.aot";

    /**
     * What follows the JVM options on the command line: the cache and the extracted jar, or in a training run where
     * the JVM writes its new cache when it exits.
     */
    List<String> launchArguments() {
        return List.of(training ? "-XX:AOTCacheOutput=" + trainingOutput() : "-XX:AOTCache=" + cache, "-jar",
                jar.toString());
    }

    private Path trainingOutput() {
        return cache.resolveSibling(TRAINING_OUTPUT);
    }

    /**
     * After a training run's JVM exited by itself: its new cache replaces the one it started without, so every
     * later start maps it. Nothing changes when there is no new cache (the JVM was killed, or could not write it).
     */
    boolean adoptTraining() {
        Path output = trainingOutput();
        try {
            if (!training || !Files.exists(output) || Files.size(output) == 0) {
                return false;
            }
            Files.move(output, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(cache.resolveSibling(TRAINED), java.time.Instant.now() + "\n", StandardCharsets.UTF_8);
            log.info("The AOT cache trained in this run replaces {} for the next starts", cache);
            return true;
        }
        catch (IOException e) {
            log.warn("The trained AOT cache {} was not kept: {}", output, e.toString());
            return false;
        }
    }

    /**
     * The cache of {@code execJar} in {@code directory}, recorded first if it is missing or stale; null when it
     * could not be recorded. {@code environment} is the service's own, so the recording run reaches its database.
     */
    static AotCache prepare(String java, Path execJar, List<String> jvmOptions, Path directory,
            Map<String, String> environment, boolean train) {
        try {
            String stamp = String.join("\n", execJar.toAbsolutePath().toString(), contents(execJar),
                    System.getProperty("java.vm.version"), String.join(" ", jvmOptions));
            Path stampFile = directory.resolve("stamp");
            Path cache = directory.resolve("service.aot");
            Path app = directory.resolve("app");
            Path jar = app.resolve(execJar.getFileName());
            if (Files.exists(cache) && Files.exists(stampFile)
                    && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
                // a training run that was killed may have left part of a cache
                Files.deleteIfExists(directory.resolve(TRAINING_OUTPUT));
                return new AotCache(jar, cache, train);
            }
            delete(directory);
            Files.createDirectories(directory);
            Path output = directory.resolve("recording.log");
            run(List.of(java, "-Djarmode=tools", "-jar", execJar.toString(), "extract", "--destination",
                    app.toString()), Map.of(), output);
            var record = new ArrayList<String>();
            record.add(java);
            record.addAll(jvmOptions);
            record.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh", "-jar",
                    jar.toString()));
            var recordingEnvironment = new java.util.HashMap<>(environment);
            recordingEnvironment.put("SERVER_PORT", "0");
            recordingEnvironment.put("SPRING_KAFKA_LISTENER_AUTO_STARTUP", "false");
            run(record, recordingEnvironment, output);
            if (!Files.exists(cache)) {
                log.warn("No AOT cache was recorded for {}; it starts without one (see {})", execJar, output);
                return null;
            }
            Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
            return new AotCache(jar, cache, train);
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            log.warn("No AOT cache for {}; it starts without one: {}", execJar, e.toString());
            return null;
        }
    }

    /**
     * What the jar holds, from its central directory: each entry's name, size and CRC. The build rewrites the jar on
     * every install with new timestamps, so neither its date nor its bytes tell whether its classes changed.
     */
    private static String contents(Path jar) throws IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            zip.stream().forEach(entry -> digest.update((entry.getName() + "|" + entry.getSize() + "|"
                    + entry.getCrc() + "\n").getBytes(StandardCharsets.UTF_8)));
            return java.util.HexFormat.of().formatHex(digest.digest());
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, Map<String, String> environment, Path output) throws IOException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", command));
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
