package dev.ticketpay.localstack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code docker compose up} needs to start as shipped, checked without a Docker engine: every service's
 * required environment is set and nothing it refuses empty is set empty, every address in an environment names a
 * compose container on the port it listens on, published ports do not clash, every container has a healthcheck
 * its image can run, every {@code depends_on} waits for health, and every {@code ticketpay/*} image is one a
 * module builds with Jib.
 */
class DockerComposeStaticTests {

    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}: compose's interpolation. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?-([^}]*))?}");
    /** {@code host:port} at the start of a value, after {@code //} or after a comma. */
    private static final Pattern ADDRESS = Pattern.compile("(?:^|//|,)([a-z][a-z0-9-]*):(\\d+)");
    private static final Pattern HEALTH_URL = Pattern.compile("localhost:(\\d+)(/\\S*)?");

    private static final Map<String, Object> compose = new Yaml().load(
            ServiceConfiguration.read(ServiceConfiguration.ROOT.resolve("docker-compose.yml")));

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** A container's environment as compose starts it with nothing set in the shell: each default substituted. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        var declared = (Map<String, Object>) services().get(service).getOrDefault("environment", Map.of());
        var resolved = new HashMap<String, String>();
        declared.forEach((name, value) -> resolved.put(name, interpolated(String.valueOf(value))));
        return resolved;
    }

    private static String interpolated(String value) {
        return INTERPOLATION.matcher(value).replaceAll(match -> Matcher.quoteReplacement(
                match.group(2) != null ? match.group(2) : ""));
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthcheck(String service) {
        var healthcheck = (Map<String, Object>) services().get(service).get("healthcheck");
        return healthcheck == null ? List.of() : (List<String>) healthcheck.get("test");
    }

    /** The port a container serves on: its SERVER_PORT, else the one its healthcheck asks on localhost. */
    private static int listeningPort(String service) {
        String serverPort = environment(service).get("SERVER_PORT");
        if (serverPort != null) {
            return Integer.parseInt(serverPort);
        }
        var port = HEALTH_URL.matcher(String.join(" ", healthcheck(service))).results().findFirst();
        return port.map(match -> Integer.parseInt(match.group(1))).orElse(switch (service) {
            case "postgres" -> 5432;
            default -> -1;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void everyRequiredVariableOfTheServiceIsSet(String service) {
        // compose runs no Redis: the gateway's rate limits stay in memory (RATE_LIMIT_STORE unset)
        var required = ServiceConfiguration.required(service, Set.of("REDIS_HOST"));
        assertThat(required).contains("JWT_JWK_SET_URI");
        assertThat(environment(service)).containsKeys(required.toArray(String[]::new));
        assertThat(environment(service)).doesNotContainKey("RATE_LIMIT_STORE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void nothingIsSetEmptyThatTheServiceWouldNotLeaveEmpty(String service) {
        // an empty value replaces the service's own default: right only where that default is empty too
        var defaults = ServiceConfiguration.variables(service);
        environment(service).forEach((name, value) -> {
            if (value.isEmpty()) {
                assertThat(defaults.get(name)).as("%s of %s is set empty over its default", name, service)
                        .isEmpty();
            }
        });
    }

    @Test
    void stripeCredentialsDefaultToTheOnesPaymentServiceRefusesAgainstRealStripe() {
        // with STRIPE_API_BASE pointed at Stripe but no keys set, payment-service must stop, not run on dev keys
        var defaults = ServiceConfiguration.variables("payment-service");
        var payment = environment("payment-service");
        assertThat(payment.get("STRIPE_SECRET_KEY")).isEqualTo(defaults.get("STRIPE_SECRET_KEY"));
        assertThat(payment.get("STRIPE_WEBHOOK_SECRET")).isEqualTo(defaults.get("STRIPE_WEBHOOK_SECRET"))
                .isEqualTo(environment("stripe-sandbox").get("STRIPE_WEBHOOK_SECRET"));
    }

    @Test
    void everyAddressInAnEnvironmentIsAContainerOnThePortItListensOn() {
        var services = services();
        var checked = new ArrayList<String>();
        for (String service : services.keySet()) {
            environment(service).forEach((name, value) -> ADDRESS.matcher(value).results().forEach(address -> {
                String host = address.group(1);
                if (host.equals("localhost")) {
                    return; // an address for the host's browser or curl, published below
                }
                assertThat(services).as("%s of %s names %s", name, service, host).containsKey(host);
                assertThat(Integer.parseInt(address.group(2))).as("%s of %s", name, service)
                        .isEqualTo(listeningPort(host));
                checked.add(service + " " + name);
            }));
        }
        assertThat(checked).contains("gateway TICKET_SERVICE_URL", "payment-service STRIPE_API_BASE",
                "ticket-service JWT_JWK_SET_URI", "qr-service KAFKA_BOOTSTRAP_SERVERS",
                "stripe-sandbox STRIPE_SANDBOX_WEBHOOK_ENDPOINTS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "payment-service", "qr-service", "gateway"})
    void theHealthcheckAsksTheReadinessGroupWhereTheServiceServesIt(String service) {
        assertThat(listeningPort(service)).isEqualTo(ServiceConfiguration.port(service));
        var url = HEALTH_URL.matcher(String.join(" ", healthcheck(service))).results().findFirst().orElseThrow();
        assertThat(ServiceConfiguration.healthEndpoints(service)).as(service)
                .contains(url.group(1) + " " + url.group(2));
        assertThat(url.group(2)).as(service).matches(".*/(readiness|readyz)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishedPortsDoNotClash() {
        var published = new HashMap<String, String>();
        services().forEach((service, definition) -> {
            for (Object mapping : (List<Object>) definition.getOrDefault("ports", List.of())) {
                String hostPort = String.valueOf(mapping).split(":")[0];
                assertThat(published.put(hostPort, service)).as("host port %s of %s", hostPort, service).isNull();
            }
        });
        assertThat(published).containsKeys("8000", "9000", "9092", "12111");
    }

    @Test
    void everyContainerHasAHealthcheckItsImageCanRun() {
        String parentPom = ServiceConfiguration.read(ServiceConfiguration.ROOT.resolve("pom.xml"));
        services().forEach((service, definition) -> {
            var test = healthcheck(service);
            assertThat(test).as(service).isNotEmpty();
            assertThat(test.getFirst()).as(service).isIn("CMD", "CMD-SHELL");
            if (String.valueOf(definition.get("image")).startsWith("ticketpay/")) {
                // our images are Jib's on eclipse-temurin's Ubuntu JRE, which installs curl (Alpine's would not)
                assertThat(test.get(1)).as(service).isEqualTo("curl");
                assertThat(parentPom).contains("<image>eclipse-temurin:21-jre-noble</image>");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDependencyWaitsUntilItIsHealthy() {
        var services = services();
        var waits = new ArrayList<String>();
        services.forEach((service, definition) -> {
            var dependsOn = definition.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn).as("%s depends_on with conditions, not a list", service).isInstanceOf(Map.class);
            ((Map<String, Map<String, Object>>) dependsOn).forEach((dependency, condition) -> {
                assertThat(services).as("%s depends on %s", service, dependency).containsKey(dependency);
                assertThat(condition).as("%s on %s", service, dependency)
                        .containsEntry("condition", "service_healthy");
                waits.add(service + " on " + dependency);
            });
        });
        assertThat(waits).contains("ticket-service on postgres", "ticket-service on kafka",
                "payment-service on stripe-sandbox", "gateway on ticket-service", "gateway on qr-service");
    }

    @Test
    void everyTicketpayImageIsOneAModuleBuildsWithJib() {
        var modules = Map.of("ticketpay/ticket-service", "ticket-service", "ticketpay/payment-service",
                "payment-service", "ticketpay/qr-service", "qr-service", "ticketpay/gateway", "gateway",
                "ticketpay/dev-token-issuer", "dev/support", "ticketpay/stripe-sandbox", "dev/stripe-sandbox",
                "ticketpay/web-app", "dev/web-app");
        String header = ServiceConfiguration.read(ServiceConfiguration.ROOT.resolve("docker-compose.yml"))
                .lines().takeWhile(line -> line.startsWith("#")).reduce("", String::concat);
        services().forEach((service, definition) -> {
            String image = String.valueOf(definition.get("image"));
            if (!image.startsWith("ticketpay/")) {
                return;
            }
            assertThat(modules).as(service).containsKey(image);
            String module = modules.get(image);
            String pom = ServiceConfiguration.read(ServiceConfiguration.ROOT.resolve(module).resolve("pom.xml"));
            assertThat(pom).as(module).contains("<jib.skip>false</jib.skip>", "<artifactId>jib-maven-plugin");
            assertThat(pom.contains("<image>" + image + "</image>")
                    || pom.contains("<artifactId>" + image.substring("ticketpay/".length()) + "</artifactId>"))
                    .as("%s names the image %s", module, image).isTrue();
            assertThat(header).as("the header's build command").contains(module);
            assertThat(definition).as(service).containsEntry("pull_policy", "never").doesNotContainKey("build");
        });
    }
}
