package org.goldensdk.sandbox.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A plain TCP relay on 127.0.0.1 between a client and the hub: it copies bytes both ways and never
 * terminates TLS, so the hub still sees the sender's client certificate (mutual TLS passes through;
 * a TLS-terminating proxy such as WireMock would present its own). Connection-level faults are
 * planned per connection, like {@code SandboxFaults.failNextSubmissions}: the next {@code n}
 * accepted connections get a {@link Fault}, later ones are relayed faithfully. {@link #refuse()}
 * closes the listening socket, so the kernel refuses connections as for a hub that is down;
 * {@link #open()} listens again on the same port.
 *
 * <p>Where a fault strikes is told from the direction of the traffic, not from TLS records (which
 * stay opaque): the client's first flight is its ClientHello, the hub answers with its handshake
 * flight, then the client's second flight finishes the handshake (TLS 1.3) and carries the HTTP
 * request; whatever the hub sends after that second flight began is its <em>answer</em> (a TLS 1.3
 * session ticket, then the HTTP response).
 *
 * <p>Every accepted connection is logged with the instant of {@code clock} at accept — the client's
 * virtual clock in the fault tests, which stands still while the client's dispatcher waits for an
 * answer, so the log shows each attempt's time on the client's time line.
 */
final class PassThroughProxy implements AutoCloseable {

    /** What happens to one relayed connection. */
    sealed interface Fault {
        /** Relayed faithfully. */
        Fault PASS = new Pass();
        /** Accepted and closed at once (FIN) without reading: the client sees an empty reply. */
        Fault EMPTY_REPLY = new EmptyReply();
        /** The hub's answer is held back until the client gives up (read timeout) and hangs up. */
        Fault STALL_ANSWER = new StallAnswer();

        /** Reset (SO_LINGER 0, so an RST) both ends once {@code answerBytes} of the hub's answer have been relayed. */
        static Fault resetAfterAnswerBytes(int answerBytes) {
            return new ResetAfter(answerBytes);
        }
    }

    record Pass() implements Fault {
    }

    record EmptyReply() implements Fault {
    }

    record StallAnswer() implements Fault {
    }

    record ResetAfter(int answerBytes) implements Fault {
    }

    /** One accepted connection: when (on the proxy's clock) and which fault it got. */
    record Accepted(Instant at, Fault fault) {
    }

    private final InetSocketAddress upstream;
    private final Supplier<Instant> clock;
    private final List<Accepted> log = new CopyOnWriteArrayList<>();
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final Deque<Fault> planned = new ArrayDeque<>();
    private final int port;
    private volatile ServerSocket listener;
    private volatile boolean closed;

    private PassThroughProxy(URI hub, Supplier<Instant> clock) {
        this.upstream = new InetSocketAddress(hub.getHost(), hub.getPort());
        this.clock = clock;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /** A proxy on a free port of 127.0.0.1 relaying to {@code hub}'s host and port, logging accepts on {@code clock}. */
    static PassThroughProxy to(URI hub, Supplier<Instant> clock) {
        return new PassThroughProxy(hub, clock);
    }

    /** The hub's address through this proxy: {@code https://127.0.0.1:<port>/} (the hub's certificate names 127.0.0.1). */
    URI uri() {
        return URI.create("https://127.0.0.1:" + port + "/");
    }

    /**
     * The next {@code count} connections get {@code fault}, after any still planned. Connections
     * open now are cut first (and waited for), so a client cannot dodge the fault on a pooled one.
     */
    void faultNext(int count, Fault fault) {
        cutOpenConnections();
        synchronized (planned) {
            for (int i = 0; i < count; i++) {
                planned.add(fault);
            }
        }
    }

    /** Drops the faults planned but not yet applied. */
    void clearFaults() {
        synchronized (planned) {
            planned.clear();
        }
    }

    /** Faults planned but not yet applied. */
    int plannedFaults() {
        synchronized (planned) {
            return planned.size();
        }
    }

    /** Stops listening (and cuts open connections): connecting is refused by the kernel, as for a hub that is down. */
    void refuse() {
        ServerSocket current = listener;
        listener = null;
        closeQuietly(current);
        cutOpenConnections();
    }

    /** Listens again on the same port after {@link #refuse()}. */
    void open() {
        if (listener == null) {
            listener = bind(port);
            startAccepting(listener);
        }
    }

    /** Forgets the connections accepted so far. */
    void clearLog() {
        log.clear();
    }

    /** Every connection accepted since the log was last cleared, in order. */
    List<Accepted> accepted() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        closed = true;
        refuse();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void startAccepting(ServerSocket socket) {
        Thread acceptor = new Thread(() -> acceptLoop(socket), "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!closed && !socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // refuse() or close() closed the listener
            }
            Fault fault;
            synchronized (planned) {
                fault = planned.isEmpty() ? Fault.PASS : planned.poll();
            }
            log.add(new Accepted(clock.get(), fault));
            if (fault instanceof EmptyReply) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket hub = new Socket();
                hub.connect(upstream);
                Relay relay = new Relay(client, hub, fault);
                relays.add(relay);
                relay.start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void cutOpenConnections() {
        List<Relay> open = new ArrayList<>(relays);
        open.forEach(Relay::cut);
        for (Relay relay : open) {
            relay.awaitEnd();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort: the peer may have gone already
        }
    }

    /** The two pumps of one connection and the phase of its TLS conversation. */
    private final class Relay {
        private final Socket client;
        private final Socket hub;
        private final Fault fault;
        private final Thread up;
        private final Thread down;
        private boolean hubSpoke;
        private boolean answerPhase;
        private long answerBytes;

        Relay(Socket client, Socket hub, Fault fault) {
            this.client = client;
            this.hub = hub;
            this.fault = fault;
            this.up = new Thread(this::pumpUp, "proxy-up-" + client.getPort());
            this.down = new Thread(this::pumpDown, "proxy-down-" + client.getPort());
            up.setDaemon(true);
            down.setDaemon(true);
        }

        void start() {
            up.start();
            down.start();
        }

        /** Client → hub, faithfully; notes when the client's second flight begins. */
        private void pumpUp() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = client.getInputStream(); OutputStream out = hub.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        if (hubSpoke) {
                            answerPhase = true;
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other pump or a fault closed the sockets
            } finally {
                end();
            }
        }

        /** Hub → client, applying the fault to the hub's answer. */
        private void pumpDown() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = hub.getInputStream(); OutputStream out = client.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    int relay = read;
                    boolean reset = false;
                    synchronized (this) {
                        hubSpoke = true;
                        if (answerPhase && fault instanceof StallAnswer) {
                            relay = 0;
                        } else if (answerPhase && fault instanceof ResetAfter resetAfter) {
                            long allowed = resetAfter.answerBytes() - answerBytes;
                            if (read >= allowed) {
                                relay = (int) Math.max(0, allowed);
                                reset = true;
                            }
                            answerBytes += relay;
                        }
                    }
                    if (relay > 0) {
                        out.write(buffer, 0, relay);
                        out.flush();
                    }
                    if (reset) {
                        resetBoth();
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the other pump or a fault closed the sockets
            } finally {
                end();
            }
        }

        private void resetBoth() {
            try {
                client.setSoLinger(true, 0);
                hub.setSoLinger(true, 0);
            } catch (SocketException ignored) {
                // already closed: nothing left to reset
            }
            end();
        }

        void cut() {
            end();
        }

        private void end() {
            closeQuietly(client);
            closeQuietly(hub);
            relays.remove(this);
        }

        void awaitEnd() {
            try {
                up.join(5_000);
                down.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
