package dev.ticketpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a deployable module reads from its environment, from its {@code application.yml} (and, for the three
 * services, the shared {@code ticketpay-service-defaults.yml}): each {@code ${VAR}} or {@code ${VAR:default}}.
 * A variable is <em>required</em> in a container when it has no default anywhere (neither after the colon nor as a
 * top-level key of the same configuration, as {@code DB_NAME: tickets}) or when its default names
 * {@code localhost}: right on a developer's machine, but in a container localhost is the container itself. Used by
 * the checks of docker-compose.yml and of the Kubernetes manifests, which cannot run here.
 */
final class ServiceConfiguration {

    static final Path ROOT = Path.of(System.getProperty("ticketpay.root", "../..")).toAbsolutePath().normalize();
    static final List<String> MODULES = List.of("ticket-service", "payment-service", "qr-service", "gateway");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([^}]*))?}");
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("(?m)^([A-Z0-9_]+):\\s*(\\S.*)$");

    private ServiceConfiguration() {
    }

    /** Every variable {@code module} reads, with its default ({@code null}: none). */
    static Map<String, String> variables(String module) {
        String config = configuration(module);
        var topLevel = TOP_LEVEL_KEY.matcher(config).results()
                .collect(Collectors.toMap(match -> match.group(1), match -> match.group(2).trim()));
        var variables = new HashMap<String, String>();
        PLACEHOLDER.matcher(config).results().forEach(match -> {
            String fallback = match.group(2) != null ? match.group(2) : topLevel.get(match.group(1));
            variables.merge(match.group(1), fallback == null ? "\0" : fallback,
                    (one, other) -> one.equals("\0") ? other : one);
        });
        variables.replaceAll((name, fallback) -> fallback.equals("\0") ? null : fallback);
        return variables;
    }

    /**
     * The variables a container of {@code module} must be given: no default, or a default on localhost; except
     * {@code optional} ones, which only a feature the deployment does not use reads.
     */
    static Set<String> required(String module, Set<String> optional) {
        return variables(module).entrySet().stream()
                .filter(variable -> variable.getValue() == null || variable.getValue().contains("localhost"))
                .map(Map.Entry::getKey)
                .filter(name -> !optional.contains(name))
                .collect(Collectors.toSet());
    }

    /** The port {@code module} serves on by default ({@code server.port: ${SERVER_PORT:…}}). */
    static int port(String module) {
        return Integer.parseInt(variables(module).get("SERVER_PORT"));
    }

    private static String configuration(String module) {
        var config = new StringBuilder(read(ROOT.resolve(module).resolve("src/main/resources/application.yml")));
        if (!module.equals("gateway")) {
            config.append('\n').append(read(ROOT.resolve("messaging/src/main/resources/ticketpay-service-defaults.yml")));
        }
        return config.toString();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
