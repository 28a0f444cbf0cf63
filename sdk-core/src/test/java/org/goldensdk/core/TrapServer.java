package org.goldensdk.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A loopback port that hostile documents point at. Nothing accepts while the parser runs, so any
 * connection a parser makes waits in the backlog, where {@link #connectionWasAttempted()} finds it.
 */
final class TrapServer implements AutoCloseable {
    private final ServerSocket socket;

    TrapServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Whether a connection is waiting; a connection made earlier has completed its handshake by now. */
    boolean connectionWasAttempted() throws IOException {
        return connectionArrivesWithin(Duration.ofMillis(200));
    }

    /** Whether a connection arrives within {@code timeout}; accepting and closing it unblocks its client. */
    boolean connectionArrivesWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try (Socket ignored = socket.accept()) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
