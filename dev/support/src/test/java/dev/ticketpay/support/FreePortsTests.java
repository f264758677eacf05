package dev.ticketpay.support;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

    @Test
    void portsLieBelowTheEphemeralRangeWhereNoOutgoingConnectionTakesThem() {
        int ephemeralLow = FreePorts.ephemeralLow();
        var ports = IntStream.range(0, 500).map(i -> FreePorts.take()).boxed().toList();
        assertThat(ports).allSatisfy(port -> assertThat(port).isBetween(FreePorts.LOWEST, ephemeralLow - 1));
    }

    @Test
    void noPortIsHandedOutTwice() {
        var ports = IntStream.range(0, 500).map(i -> FreePorts.take()).boxed().toList();
        assertThat(new HashSet<>(ports)).hasSameSizeAs(ports);
    }

    @Test
    void aHandedOutPortCanBeListenedOn() throws Exception {
        int port = FreePorts.take();
        try (var server = new ServerSocket()) {
            server.setReuseAddress(false);
            server.bind(new InetSocketAddress(port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
