package dev.ticketpay.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AotCacheTests {

    @TempDir
    Path directory;

    @Test
    void startsFromTheCacheOutsideATrainingRun() {
        var cache = new AotCache(directory.resolve("app/service.jar"), directory.resolve("service.aot"), false);

        assertThat(cache.training()).isFalse();
        assertThat(cache.launchArguments()).containsExactly("-XX:AOTCache=" + directory.resolve("service.aot"),
                "-jar", directory.resolve("app/service.jar").toString());
        assertThat(cache.adoptTraining()).isFalse();
    }

    @Test
    void aTrainingRunWritesANewCacheThatReplacesTheStartUpOneOnceTheServiceExited() throws IOException {
        Files.writeString(directory.resolve("service.aot"), "start-up");
        Files.writeString(directory.resolve("stamp"), "jar, JDK, flags");
        var cache = new AotCache(directory.resolve("app/service.jar"), directory.resolve("service.aot"), true);

        assertThat(cache.training()).isTrue();
        assertThat(cache.launchArguments()).first()
                .isEqualTo("-XX:AOTCacheOutput=" + directory.resolve("training.aot"));
        Files.writeString(directory.resolve("training.aot"), "trained");

        assertThat(cache.adoptTraining()).isTrue();
        assertThat(directory.resolve("service.aot")).hasContent("trained");
        assertThat(directory.resolve("training.aot")).doesNotExist();
        assertThat(directory.resolve(AotCache.TRAINED)).exists();
        assertThat(directory.resolve("stamp")).hasContent("jar, JDK, flags");
    }

    @Test
    void aTrainingRunThatWroteNoCacheLeavesTheStartUpOne() throws IOException {
        Files.writeString(directory.resolve("service.aot"), "start-up");
        var cache = new AotCache(directory.resolve("app/service.jar"), directory.resolve("service.aot"), true);
        Files.createFile(directory.resolve("training.aot"));

        assertThat(cache.adoptTraining()).isFalse();
        assertThat(directory.resolve("service.aot")).hasContent("start-up");
        assertThat(directory.resolve(AotCache.TRAINED)).doesNotExist();
    }
}
