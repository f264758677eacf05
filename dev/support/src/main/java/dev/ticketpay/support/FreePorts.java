package dev.ticketpay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that a test or the local stack picks before starting them, and may start again on the same port.
 *
 * <p>A port from {@code new ServerSocket(0)} lies in the kernel's ephemeral range, the range every outgoing
 * connection takes its local port from. Between the probe and the server's bind, and while a server is down to be
 * restarted, any client connection on the machine can take that port, and the server then fails with "Port already
 * in use" (it happened to the fault stack's payment-service in CI). Ports from here lie below the ephemeral range,
 * where only listeners bind, are bindable when handed out, and are never handed out twice by one JVM.
 */
public final class FreePorts {

    /** Below this are well-known and commonly configured ports (5432, 8080, 9092 …). */
    static final int LOWEST = 10_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** Linux's default ephemeral range starts here; used where the range cannot be read. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;

    private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nothing listens on now, outside the ephemeral range, not handed out before by this JVM. */
    public static int take() {
        int highest = ephemeralLow() - 1;
        if (highest - LOWEST < 1_000) {
            // an unusual ephemeral range leaves no room below it: fall back to any free port
            return anyFreePort();
        }
        var random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(LOWEST, highest + 1);
            if (handedOut.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + highest);
    }

    /** The first port of the kernel's ephemeral range. */
    static int ephemeralLow() {
        // a line at a time: some kernels answer a whole-file read of /proc with its first byte only
        try (var reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        }
        catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static boolean bindable(int port) {
        try (var socket = new ServerSocket()) {
            // strict: a port with connections in TIME_WAIT is not taken either
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
