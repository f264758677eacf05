package dev.ticketpay.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kustomize manifests in deploy/k8s, checked without a cluster: each service's Deployment has probes on the
 * health groups the service really exposes, on the port it really serves, resources, at least two replicas,
 * every variable it needs from a ConfigMap or the Secret, and no secret written into a manifest.
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTests {

    private static final Path K8S = ServiceConfiguration.ROOT.resolve("deploy/k8s");
    private static final String SECRET = "ticketpay-secrets";
    /** Names of variables that hold a credential: they may only come from the Secret. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|SIGNING_KEY|API_KEY|PRIVATE_KEY).*");
    /** Values that look like a credential (Stripe keys and webhook secrets, PEM keys). */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?s).*(sk_(live|test)_|rk_(live|test)_|whsec_"
            + "|-----BEGIN).*");

    private static final List<Map<String, Object>> base = manifests(K8S.resolve("base"));

    /** Every document of every file a kustomization lists as a resource (other kustomizations excluded). */
    private static List<Map<String, Object>> manifests(Path directory) {
        Map<String, Object> kustomization = new Yaml().load(ServiceConfiguration.read(
                directory.resolve("kustomization.yaml")));
        var documents = new ArrayList<Map<String, Object>>();
        for (String resource : (List<String>) kustomization.get("resources")) {
            if (java.nio.file.Files.isDirectory(directory.resolve(resource))) {
                continue; // another kustomization (the overlay's base), read on its own
            }
            for (Object document : new Yaml().loadAll(ServiceConfiguration.read(directory.resolve(resource)))) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
        }
        return documents;
    }

    private static Map<String, Object> find(String kind, String name) {
        return base.stream().filter(document -> kind.equals(document.get("kind"))
                        && name.equals(map(document, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s/base"));
    }

    private static Map<String, Object> map(Map<String, Object> parent, String path) {
        Object current = parent;
        for (String key : path.split("\\.")) {
            current = current == null ? null : ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    private static Map<String, Object> container(String module) {
        var containers = (List<Map<String, Object>>) map(find("Deployment", module), "spec.template.spec")
                .get("containers");
        assertThat(containers).as(module).hasSize(1);
        return containers.getFirst();
    }

    /** The container's port a probe or Service names (by name or number). */
    private static int resolvePort(Map<String, Object> container, Object port) {
        for (var declared : (List<Map<String, Object>>) container.get("ports")) {
            if (port.equals(declared.get("name")) || port.equals(declared.get("containerPort"))) {
                return (Integer) declared.get("containerPort");
            }
        }
        throw new AssertionError("port " + port + " is not one the container declares");
    }

    /** The variables a container is given: from its ConfigMaps (keys) and its own env entries. */
    private static Map<String, String> variablesGiven(String module) {
        var given = new HashMap<String, String>();
        var container = container(module);
        for (var source : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
            assertThat(source).as("%s takes whole ConfigMaps only, never a whole Secret", module)
                    .containsOnlyKeys("configMapRef");
            String name = (String) map(source, "configMapRef").get("name");
            map(find("ConfigMap", name), "data").forEach((key, value) -> given.put(key, "configMap " + name));
        }
        for (var variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            var secret = map(variable, "valueFrom.secretKeyRef");
            given.put((String) variable.get("name"), secret != null ? "secret " + secret.get("name") : "value");
        }
        return given;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void probesAskHealthGroupsTheServiceExposesOnThePortItServes(String module) {
        var container = container(module);
        var health = ServiceConfiguration.healthEndpoints(module);
        var probes = Map.of("livenessProbe", "liv", "readinessProbe", "rea", "startupProbe", "liv");
        for (var probe : probes.entrySet()) {
            var httpGet = map(container, probe.getKey() + ".httpGet");
            if (probe.getKey().equals("startupProbe") && httpGet == null) {
                continue;
            }
            assertThat(httpGet).as("%s %s", module, probe.getKey()).isNotNull();
            String path = (String) httpGet.get("path");
            int port = resolvePort(container, httpGet.get("port"));
            assertThat(health).as("%s serves %s on %d", module, path, port).contains(port + " " + path);
            // liveness on the liveness group (/livez), readiness on the readiness group (/readyz)
            assertThat(path.substring(path.lastIndexOf('/') + 1)).as("%s %s", module, probe.getKey())
                    .startsWith(probe.getValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void theServiceServesOnTheConfiguredPortAndItsServiceRoutesThere(String module) {
        var container = container(module);
        int port = ServiceConfiguration.port(module);
        assertThat(variablesGiven(module)).containsKey("SERVER_PORT");
        var serverPort = ((List<Map<String, Object>>) container.get("env")).stream()
                .filter(variable -> "SERVER_PORT".equals(variable.get("name"))).findFirst().orElseThrow();
        assertThat(serverPort.get("value")).isEqualTo(Integer.toString(port));

        var service = find("Service", module);
        assertThat(map(service, "spec.selector"))
                .isEqualTo(map(find("Deployment", module), "spec.selector.matchLabels"))
                .isEqualTo(map(find("Deployment", module), "spec.template.metadata.labels"));
        var servicePort = ((List<Map<String, Object>>) map(service, "spec").get("ports")).getFirst();
        assertThat(servicePort.get("port")).isEqualTo(port);
        assertThat(resolvePort(container, servicePort.get("targetPort"))).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void runsSeveralReplicasWithResources(String module) {
        assertThat((Integer) map(find("Deployment", module), "spec").get("replicas")).isGreaterThanOrEqualTo(2);
        var resources = map(container(module), "resources");
        assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).containsKey("memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void everyVariableTheServiceNeedsComesFromAConfigMapOrTheSecret(String module) {
        var given = variablesGiven(module);
        assertThat(given).containsKeys(ServiceConfiguration.required(module, Set.of()).toArray(String[]::new));
        // what a service's own ConfigMap and env set is something it reads (a misspelt key would be ignored);
        // SPRING_* are Spring Boot's own properties (relaxed binding), e.g. SPRING_R2DBC_URL for TLS
        var own = new HashSet<>(map(find("ConfigMap", module), "data").keySet());
        ((List<Map<String, Object>>) container(module).get("env")).forEach(variable -> own.add(
                (String) variable.get("name")));
        own.removeIf(name -> name.startsWith("SPRING_"));
        assertThat(ServiceConfiguration.variables(module).keySet()).as(module).containsAll(own);
    }

    @Test
    void paymentServiceGetsItsStripeCredentialsFromTheSecret() {
        // against real Stripe the service refuses to start without both (StripeSettings)
        assertThat(variablesGiven("payment-service"))
                .containsEntry("STRIPE_SECRET_KEY", "secret " + SECRET)
                .containsEntry("STRIPE_WEBHOOK_SECRET", "secret " + SECRET)
                .containsEntry("DB_PASSWORD", "secret " + SECRET)
                .doesNotContainKey("STRIPE_API_BASE");
    }

    @Test
    void severalGatewaysShareTheirRateLimitsInRedis() {
        // in memory each replica would keep its own buckets: N replicas, N times the budget
        assertThat(map(find("ConfigMap", "gateway"), "data")).containsEntry("RATE_LIMIT_STORE", "redis")
                .containsKey("REDIS_HOST");
    }

    @Test
    void noManifestHoldsASecret() {
        var overlay = manifests(K8S.resolve("overlays/production")).stream();
        for (var document : base) {
            assertThat(document.get("kind")).as("a Secret is created beside the manifests, never in them")
                    .isNotEqualTo("Secret");
            if ("ConfigMap".equals(document.get("kind"))) {
                map(document, "data").forEach((key, value) -> {
                    assertThat(key).as("ConfigMap key").doesNotMatch(SECRET_NAME);
                    assertThat(String.valueOf(value)).as("ConfigMap %s", key).doesNotMatch(SECRET_VALUE);
                });
            }
            if ("Deployment".equals(document.get("kind"))) {
                var containers = (List<Map<String, Object>>) map(document, "spec.template.spec").get("containers");
                for (var container : containers) {
                    for (var variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                        String name = (String) variable.get("name");
                        if (SECRET_NAME.matcher(name).matches()) {
                            assertThat(map(variable, "valueFrom.secretKeyRef")).as(name).isNotNull()
                                    .containsEntry("name", SECRET);
                            assertThat(variable).as(name).doesNotContainKey("value");
                        }
                        assertThat(String.valueOf(variable.get("value"))).as(name).doesNotMatch(SECRET_VALUE);
                    }
                }
            }
        }
        assertThat(overlay).noneMatch(document -> "Secret".equals(document.get("kind")));
    }

    @Test
    void theProductionOverlayBuildsOnTheBaseWithTheImagesJibBuilds() {
        Map<String, Object> overlay = new Yaml().load(ServiceConfiguration.read(
                K8S.resolve("overlays/production/kustomization.yaml")));
        assertThat((List<String>) overlay.get("resources")).containsExactly("../../base");
        var images = ((List<Map<String, Object>>) overlay.get("images")).stream().map(image -> image.get("name"))
                .toList();
        assertThat(images).containsExactlyInAnyOrderElementsOf(ServiceConfiguration.MODULES.stream()
                .map(module -> container(module).get("image")).toList());
        for (var replicas : (List<Map<String, Object>>) overlay.getOrDefault("replicas", List.of())) {
            assertThat(ServiceConfiguration.MODULES).contains((String) replicas.get("name"));
            assertThat((Integer) replicas.get("count")).isGreaterThanOrEqualTo(2);
        }
    }
}
