package dev.ticketpay.localstack;

import java.nio.file.Path;
import java.util.Map;

import dev.ticketpay.localstack.StackSettings.AotCaches;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackSettingsTests {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void servicesStartFromStartUpCachesUnlessLocalStackAotSaysOtherwise() {
        assertThat(settings(Map.of()).aotCaches()).isEqualTo(AotCaches.START_UP);
        assertThat(settings(Map.of("LOCAL_STACK_AOT", "true")).aotCaches()).isEqualTo(AotCaches.START_UP);
        assertThat(settings(Map.of("LOCAL_STACK_AOT", "false")).aotCaches()).isEqualTo(AotCaches.NONE);
        assertThat(settings(Map.of("LOCAL_STACK_AOT", "train")).aotCaches()).isEqualTo(AotCaches.TRAINING);
    }

    @Test
    void aMisspelledLocalStackAotIsRefusedWithTheWordsItTakes() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(Map.of("LOCAL_STACK_AOT", "trian")))
                .withMessage("LOCAL_STACK_AOT is true, false or train, not 'trian'");
        assertThatIllegalArgumentException().isThrownBy(() -> settings(Map.of("LOCAL_STACK_AOT", "off")));
    }

    @Test
    void theReadmeDefaults() {
        var settings = settings(Map.of());

        assertThat(settings.gatewayPort()).isEqualTo(8000);
        assertThat(settings.ticketPorts()).containsExactly(8081);
        assertThat(settings.webAppPort()).isEqualTo(5173);
        assertThat(settings.frontendUrl()).isEqualTo("http://localhost:5173");
        assertThat(settings.dataDirectory()).isEqualTo(ROOT.resolve(".local-stack"));
        assertThat(settings.usesSandbox()).isTrue();
    }

    private static StackSettings settings(Map<String, String> environment) {
        return StackSettings.fromEnvironment(ROOT, environment);
    }
}
