package dev.ticketpay.load;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackCpuTests {

    @Test
    void theJitCompilerThreadsOfAJvmAreFoundAndArePartOfItsTime() {
        assertThat(Path.of("/proc/self/task")).as("the load benchmarks read /proc; they run on Linux").exists();
        long pid = ProcessHandle.current().pid();

        // this JVM has compiled JUnit, AssertJ and the classes under test by now
        long compiling = StackCpu.compilerTicks(pid);

        assertThat(compiling).isPositive().isLessThanOrEqualTo(StackCpu.ticks(pid, false));
        assertThat(StackCpu.compilerTicks(Long.MAX_VALUE)).as("a process that is gone").isZero();
    }
}
