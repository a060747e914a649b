package io.connectops.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finding free ports and checking that a chosen one is free, so a taken port is one clear error. */
public final class Ports {
    private Ports() {
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** Throws {@link PortTakenException} when something already listens on {@code port}. */
    public static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new PortTakenException(port, what);
        }
    }

    /** A chosen port that is already in use. */
    public static final class PortTakenException extends RuntimeException {
        private final int port;

        PortTakenException(int port, String what) {
            super("port " + port + " (" + what + ") is already in use: stop what listens there or choose another port");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
