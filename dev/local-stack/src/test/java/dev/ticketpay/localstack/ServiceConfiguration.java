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

    /**
     * Where {@code module} answers its health groups, each as {@code "<port> <path>"}: {@code /actuator/health} and
     * its groups (liveness and readiness when probes are enabled) on the management port if one is configured,
     * else on the server port; {@code /livez} and {@code /readyz} on the server port when Spring Boot adds them.
     */
    static Set<String> healthEndpoints(String module) {
        var endpoints = new java.util.HashSet<String>();
        String managementPort = null;
        String basePath = "/actuator";
        boolean additionalPaths = false;
        var groups = new java.util.HashSet<String>();
        for (String file : configurationFiles(module)) {
            for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(file)) {
                if (!(document instanceof Map<?, ?> config)) {
                    continue;
                }
                Object port = at(config, "management.server.port");
                managementPort = port != null ? withDefault(port) : managementPort;
                Object base = at(config, "management.endpoints.web.base-path");
                basePath = base != null ? withDefault(base) : basePath;
                if (Boolean.TRUE.equals(at(config, "management.endpoint.health.probes.enabled"))) {
                    groups.addAll(List.of("liveness", "readiness"));
                }
                additionalPaths |= Boolean.TRUE.equals(
                        at(config, "management.endpoint.health.probes.add-additional-paths"));
                if (at(config, "management.endpoint.health.group") instanceof Map<?, ?> named) {
                    named.keySet().forEach(group -> groups.add(String.valueOf(group)));
                }
            }
        }
        String actuator = (managementPort != null ? managementPort : Integer.toString(port(module))) + " " + basePath;
        endpoints.add(actuator + "/health");
        groups.forEach(group -> endpoints.add(actuator + "/health/" + group));
        if (additionalPaths) {
            endpoints.addAll(List.of(port(module) + " /livez", port(module) + " /readyz"));
        }
        if (module.equals("gateway") && managementPort != null) {
            // the gateway's actuator is on its management port, and its public port answers health too (PublicHealth)
            String publicHealth = port(module) + " /actuator/health";
            endpoints.add(publicHealth);
            groups.forEach(group -> endpoints.add(publicHealth + "/" + group));
        }
        return endpoints;
    }

    private static Object at(Map<?, ?> config, String path) {
        Object current = config;
        for (String key : path.split("\\.")) {
            current = current instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return current;
    }

    /** A setting's value, or the default of its {@code ${VAR:default}} placeholder. */
    private static String withDefault(Object value) {
        var placeholder = PLACEHOLDER.matcher(String.valueOf(value));
        return placeholder.matches() ? placeholder.group(2) : String.valueOf(value);
    }

    private static List<String> configurationFiles(String module) {
        var files = new java.util.ArrayList<String>();
        files.add(read(ROOT.resolve(module).resolve("src/main/resources/application.yml")));
        if (!module.equals("gateway")) {
            files.add(read(ROOT.resolve("messaging/src/main/resources/ticketpay-service-defaults.yml")));
        }
        return files;
    }

    private static String configuration(String module) {
        return String.join("\n", configurationFiles(module));
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
