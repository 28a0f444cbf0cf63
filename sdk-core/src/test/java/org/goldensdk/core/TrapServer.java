package org.goldensdk.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

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
        socket.setSoTimeout(200);
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
