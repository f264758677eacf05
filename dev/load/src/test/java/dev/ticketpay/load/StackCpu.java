package dev.ticketpay.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time each process of the local stack has used, read from {@code /proc}: every service JVM (children of
 * the launcher, named by the module of their jar; several instances of one service add up), the launcher JVM itself
 * (Kafka, the Stripe sandbox and the token issuer live there) and PostgreSQL (the postmaster and every backend, with
 * the time of the backends that have exited meanwhile). The load generator is none of these. Without the launcher's
 * pid (a remote deployment) nothing is measured.
 *
 * <p>Of each JVM's time, the part its JIT compiler threads used ({@code C1 CompilerThread…}, {@code C2
 * CompilerThread…}, read per thread from {@code /proc/<pid>/task}) is also kept apart: a freshly started service
 * compiles for minutes under load, which a long-running one has done long before. It is a lower bound, since a
 * compiler thread the JVM retires takes its time out of the per-thread figures (not out of the process's).
 */
final class StackCpu {

    private static final double MILLIS_PER_TICK = 1000.0 / clockTicks();

    private final Optional<Long> launcher;
    private final Optional<Long> postmaster;

    StackCpu(LoadSettings settings) {
        this.launcher = settings.stackPid();
        this.postmaster = settings.postgresPid();
    }

    /**
     * CPU milliseconds by process name: all of each process's, and the part of it its JIT compiler threads used.
     *
     * @param cpu everything, by process
     * @param jit the JIT compiler threads' part of {@code cpu}, by JVM process
     */
    record Usage(Map<String, Double> cpu, Map<String, Double> jit) {

        /** What was used between {@code start} and this snapshot. */
        Usage since(Usage start) {
            return new Usage(between(start.cpu(), cpu), between(start.jit(), jit));
        }
    }

    /** CPU used so far; empty when the stack is not on this machine. */
    Usage snapshot() {
        var millis = new HashMap<String, Double>();
        var jit = new HashMap<String, Double>();
        launcher.ifPresent(pid -> {
            add(millis, "launcher", ticks(pid, false));
            add(jit, "launcher", compilerTicks(pid));
            ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children)
                    .forEach(child -> service(child).ifPresent(name -> {
                        add(millis, name, ticks(child.pid(), false));
                        add(jit, name, compilerTicks(child.pid()));
                    }));
        });
        postmaster.ifPresent(pid -> {
            add(millis, "postgres", ticks(pid, true));
            ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                    .forEach(backend -> add(millis, "postgres", ticks(backend.pid(), false)));
        });
        return new Usage(millis, jit);
    }

    /**
     * The CPU milliseconds the whole machine has been busy so far, every core and process together (the first line
     * of {@code /proc/stat}: user, nice, system, irq, softirq, steal); NaN where there is no {@code /proc}.
     */
    static double machineBusyMillis() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy * MILLIS_PER_TICK;
        }
        catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** What each process used between two readings. */
    private static Map<String, Double> between(Map<String, Double> start, Map<String, Double> end) {
        var used = new HashMap<String, Double>();
        end.forEach((name, millis) -> used.put(name, millis - start.getOrDefault(name, 0.0)));
        return used;
    }

    private static void add(Map<String, Double> millis, String name, long ticks) {
        millis.merge(name, ticks * MILLIS_PER_TICK, Double::sum);
    }

    /** {@code ticket-service} for a JVM started with {@code -jar …/ticket-service/target/…-exec.jar}. */
    private static Optional<String> service(ProcessHandle process) {
        List<String> arguments = process.info().arguments().map(List::of).orElse(List.of());
        int jar = arguments.indexOf("-jar");
        if (jar < 0 || jar + 1 >= arguments.size()) {
            return Optional.empty();
        }
        Path module = Path.of(arguments.get(jar + 1)).getParent();
        return Optional.ofNullable(module).map(Path::getParent).map(Path::getFileName).map(Path::toString);
    }

    /** The CPU ticks of the JVM's JIT compiler threads (their names are cut to 15 characters in {@code comm}). */
    static long compilerTicks(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.mapToLong(thread -> {
                try {
                    String comm = Files.readString(thread.resolve("comm"));
                    return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")
                            ? ticks(thread.resolve("stat"), false) : 0;
                }
                catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
        catch (IOException gone) {
            return 0;
        }
    }

    /**
     * utime + stime of {@code /proc/<pid>/stat} (fields 14 and 15), plus cutime + cstime (16 and 17: children that
     * exited and were waited for) when asked. Zero for a process that is gone.
     */
    static long ticks(long pid, boolean withExitedChildren) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"), withExitedChildren);
    }

    /** The same from a {@code stat} file of a process or of one of its threads ({@code /proc/<pid>/task/<tid>}). */
    private static long ticks(Path file, boolean withExitedChildren) {
        String stat;
        try {
            stat = Files.readString(file);
        }
        catch (IOException gone) {
            return 0;
        }
        // the command name (field 2) may contain spaces: count the fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withExitedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks;
    }

    private static long clockTicks() {
        try {
            var getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (Stream<String> lines = getconf.inputReader().lines()) {
                return lines.findFirst().map(String::trim).map(Long::parseLong).orElse(100L);
            }
        }
        catch (IOException | NumberFormatException e) {
            return 100;
        }
    }
}
