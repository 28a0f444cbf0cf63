package org.goldensdk.sandbox.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.crash.ChildJvm.Line;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/**
 * One crash run: a hub of its own in this JVM (a fresh {@link Sandbox}, so its state is this run's
 * alone), the sender and receiver as forked JVMs ({@link SenderMain}, {@link ReceiverMain}) on the
 * stores of a {@link CrashStore}, and what their logs said. The test drives it: start children, wait
 * (always bounded) for what they log, kill them with SIGKILL at the seeded points, and at the end
 * check the receiver's business table against the sender's log.
 *
 * <p>The seed comes from {@code -Dgolden.crash.seed} or is drawn fresh; it is printed, and a run
 * with the same seed kills at the same points of progress. {@code -Dgolden.crash.messages} sets the
 * number of messages (default {@value #DEFAULT_MESSAGES}).
 */
final class CrashRun implements AutoCloseable {
    static final int KILLS = 10;
    static final int DEFAULT_MESSAGES = 1000;
    // Hang guards, not timings: a receiver took over 60 s to start on this 2-core machine at load 24.
    /** A child's start: JVM, credentials, store migration, TLS port. */
    static final Duration START_GUARD = Duration.ofSeconds(180);
    /** From one kill point to the next. */
    static final Duration PROGRESS_GUARD = Duration.ofSeconds(180);
    /** From the last send to the last message handled. */
    static final Duration DELIVERY_GUARD = Duration.ofSeconds(180);
    /** A child ends itself after this, whatever happens to the test. */
    static final Duration CHILD_HANG_GUARD = Duration.ofMinutes(20);

    private final String name;
    private final long seed;
    private final Random random;
    private final int messages;
    private final CrashStore store;
    private final Path directory;
    private final Path credentials;
    private final Sandbox sandbox;
    private final long startedNanos = System.nanoTime();
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final List<ChildJvm> children = new ArrayList<>();
    private final Set<ChildJvm> killed = new HashSet<>();
    private final Set<ChildJvm> ended = new HashSet<>();
    private final Map<ChildJvm, Set<String>> markers = new HashMap<>();
    private final TreeMap<Integer, String> sent = new TreeMap<>();
    private final Map<String, Integer> handledLines = new HashMap<>();
    private final Set<String> processed = new HashSet<>();
    private final List<String> events = new ArrayList<>();

    private CrashRun(String name, CrashStore.Kind kind, Path directory) throws IOException {
        this.name = name;
        this.seed = Long.getLong("golden.crash.seed", new SecureRandom().nextLong());
        this.random = new Random(seed);
        this.messages = Integer.getInteger("golden.crash.messages", DEFAULT_MESSAGES);
        this.directory = directory;
        this.store = kind.in(Files.createDirectories(directory.resolve("stores")));
        this.credentials = writeCredentials(Files.createDirectories(directory.resolve("credentials")));
        this.sandbox = Sandbox.builder()
                .allow(AccessRight.of(CrashMessages.SENDER, CrashMessages.RECEIVER, AccessRight.TAX_COMPANY_STATUS))
                // Short backoff: a push that found the receiver dead is tried again soon after it is back.
                .pushRetry(RetryPolicy.builder().maxAttempts(Integer.MAX_VALUE).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(250)).budget(EnvelopeHeader.MAX_LIFETIME).build())
                .start();
        System.out.printf("%s on %s: seed %d (rerun with -Dgolden.crash.seed=%d), %d messages, %d kills; stores and"
                + " children's stderr in %s (kept if the test fails)%n", name, kind, seed, seed, messages, KILLS, directory);
    }

    static CrashRun start(String name, CrashStore.Kind kind, Path directory) throws IOException {
        return new CrashRun(name, kind, directory);
    }

    int messages() {
        return messages;
    }

    /** {@link #KILLS} distinct points in {@code [from, to]}, ascending, drawn from the seed. */
    int[] killPoints(int from, int to) {
        int[] points = random.ints(from, to + 1).distinct().limit(KILLS).sorted().toArray();
        event("kill points " + Arrays.toString(points));
        return points;
    }

    /** Starts a sender that resumes after the highest index logged so far, and waits until it is ready to send. */
    ChildJvm startSender(int incarnation) throws IOException {
        ChildJvm sender = start("sender-" + incarnation, SenderMain.class, List.of("--hub", sandbox.hubUri().toString(),
                "--credentials", credentials.toString(), "--store", store.outbox(), "--from",
                Integer.toString(highestSent() + 1), "--messages", Integer.toString(messages)));
        awaitUntil(sender + " is ready", START_GUARD, () -> saw(sender, "READY"));
        return sender;
    }

    /** Starts a receiver and waits until the hub pushes to its new port. */
    ChildJvm startReceiver(int incarnation) throws IOException {
        ChildJvm receiver = start("receiver-" + incarnation, ReceiverMain.class, List.of("--credentials",
                credentials.toString(), "--store", store.inbox(), "--incarnation", Integer.toString(incarnation)));
        awaitUntil(receiver + " listens", START_GUARD, () -> saw(receiver, "LISTENING"));
        return receiver;
    }

    boolean saw(ChildJvm child, String marker) {
        return markers.getOrDefault(child, Set.of()).contains(marker);
    }

    /** The highest index any sender logged as SENT, -1 before the first. */
    int highestSent() {
        return sent.isEmpty() ? -1 : sent.lastKey();
    }

    /** How many different message ids the receivers logged as HANDLED. */
    int distinctHandled() {
        return handledLines.size();
    }

    /** Kills {@code child} with SIGKILL, checks that is how it ended and reads what it logged before. */
    void kill(ChildJvm child) throws InterruptedException {
        killed.add(child);
        int exit = child.kill();
        assertThat(exit).as("exit value of %s after destroyForcibly (137 = SIGKILL)", child).isEqualTo(ChildJvm.SIGKILLED);
        awaitUntil("the rest of " + child + "'s output", START_GUARD, () -> ended.contains(child));
        event("killed " + child + ", " + (highestSent() + 1) + " logged SENT, " + distinctHandled() + " handled");
    }

    /**
     * Waits (at most {@link #DELIVERY_GUARD}) until a sender logged the PROCESSED receipt of every
     * message it logged SENT, kills the children and checks their stores: every logged message handled exactly once.
     * A message that never arrives fails the check with where it got to (outbox, inbox), not just
     * with the timeout.
     */
    void finish() throws InterruptedException, SQLException {
        AssertionError notDelivered = null;
        try {
            // A PROCESSED receipt, not the HANDLED line the handler logs before the inbox commits:
            // killing the receiver right after that line would undo the last message handled.
            awaitUntil("every message logged SENT is handled and its PROCESSED receipt reached the sender", DELIVERY_GUARD,
                    () -> sent.size() == messages && processed.containsAll(sent.values()));
            event("all " + messages + " handled");
        } catch (AssertionError e) {
            notDelivered = e;
        }
        for (ChildJvm child : children) {
            if (!ended.contains(child)) {
                kill(child);
            }
        }
        assertEveryLoggedMessageHandledExactlyOnce();
        if (notDelivered != null) {
            throw notDelivered;
        }
    }

    /**
     * Pumps the children's output until {@code done}; fails after {@code guard}, or as soon as a child
     * ends that was not killed.
     */
    void awaitUntil(String what, Duration guard, BooleanSupplier done) {
        long deadline = System.nanoTime() + guard.toNanos();
        while (!done.getAsBoolean()) {
            Line line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
            if (line == null) {
                throw new AssertionError("waited " + guard.toSeconds() + " s in vain until " + what + "; " + diagnosis());
            }
            consume(line);
        }
    }

    /**
     * Every message logged SENT (all {@code messages} of them: each sender resumes after the last
     * logged) has exactly one row in the receiver's business table, and no row is for a message never
     * logged. The children must be dead.
     */
    private void assertEveryLoggedMessageHandledExactlyOnce() throws SQLException {
        Map<String, List<String>> rows = businessRows();
        Map<String, Integer> index = new HashMap<>();
        sent.forEach((i, id) -> index.put(id, i));
        Map<String, String> outbox = column(store.outbox(), "SELECT message_id, state FROM golden_outbox");
        Map<String, String> inbox = column(store.inbox(), "SELECT message_id, 'in the inbox' FROM golden_inbox_message");
        // Where a lost message got to: the sender's outbox row (its state) and whether the receiver's inbox recorded it.
        Map<String, String> lost = sent.entrySet().stream().filter(entry -> !rows.containsKey(entry.getValue()))
                .collect(Collectors.toMap(entry -> "#" + entry.getKey() + " " + entry.getValue(),
                        entry -> "outbox " + outbox.getOrDefault(entry.getValue(), "has no row") + ", inbox "
                                + inbox.getOrDefault(entry.getValue(), "has no row") + ", HANDLED logged "
                                + handledLines.getOrDefault(entry.getValue(), 0) + "x",
                        (a, b) -> a, TreeMap::new));
        Map<String, List<String>> twice = rows.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(entry -> "#" + index.get(entry.getKey()) + " " + entry.getKey(),
                        Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        List<String> neverLogged = rows.keySet().stream().filter(id -> !index.containsKey(id)).sorted().toList();
        int inboxRows = inbox.size();
        String summary = String.format("%s: seed %d, %d messages, %d logged SENT, %d handled (business rows %d,"
                        + " inbox rows %d, fewer when deliveries were in flight at the final kill), %d lost, %d handled"
                        + " more than once, %d never logged; %.1f s%n  events: %s",
                name, seed, messages, sent.size(), rows.size(), rows.values().stream().mapToInt(List::size).sum(), inboxRows,
                lost.size(), twice.size(), neverLogged.size(), seconds(), String.join("\n    ", events));
        System.out.println(summary);
        assertThat(sent).as("the sender logs every index once it is sent; %s", summary).hasSize(messages);
        sent.forEach((i, id) -> assertThat(id).as("the id logged for index %d", i).isEqualTo(CrashMessages.id(i).toString()));
        assertThat(lost).as("messages logged SENT but never handled (lost), with where they got to; %s", summary).isEmpty();
        assertThat(twice).as("messages handled more than once, with the payload and receiver incarnation of each row; %s",
                summary).isEmpty();
        assertThat(neverLogged).as("messages handled but never logged SENT; %s", summary).isEmpty();
    }

    @Override
    public void close() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
        sandbox.close();
    }

    private ChildJvm start(String childName, Class<?> main, List<String> args) throws IOException {
        ChildJvm child = ChildJvm.start(childName, main, args, CHILD_HANG_GUARD, directory, lines);
        children.add(child);
        event("started " + child);
        return child;
    }

    private void consume(Line line) {
        ChildJvm from = line.from();
        if (line.text() == null) {
            ended.add(from);
            if (!killed.contains(from)) {
                throw new AssertionError(from + " ended by itself; its stderr:\n" + from.stderrTail() + "\n" + diagnosis());
            }
            return;
        }
        String[] words = line.text().split(" ");
        switch (words[0]) {
            case "SENT" -> {
                int index = Integer.parseInt(words[1]);
                String earlier = sent.putIfAbsent(index, words[2]);
                if (earlier != null) {
                    throw new AssertionError(from + " logged index " + index + " as " + words[2] + ", which was logged"
                            + " before as " + earlier + "; a restarted sender resumes after the last index logged");
                }
            }
            case "HANDLED" -> handledLines.merge(words[1], 1, Integer::sum);
            case "PROCESSED" -> processed.add(words[1]);
            case "LISTENING" -> {
                sandbox.registerEndpoint(CrashMessages.RECEIVER.partyId(), URI.create(words[1]));
                markers.computeIfAbsent(from, child -> new HashSet<>()).add(words[0]);
            }
            case "READY", "ALL_SENT" -> markers.computeIfAbsent(from, child -> new HashSet<>()).add(words[0]);
            default -> throw new AssertionError(from + " logged an unexpected line: " + line.text() + "; its stderr:\n"
                    + from.stderrTail());
        }
    }

    /** Message id → one "payload @ receiver incarnation" entry per row of the business table. */
    private Map<String, List<String>> businessRows() throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection connection = store.open(store.inbox());
                PreparedStatement select = connection.prepareStatement("SELECT message_id, payload, incarnation FROM "
                        + ReceiverMain.TABLE);
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.computeIfAbsent(result.getString(1), id -> new ArrayList<>())
                        .add(result.getString(2) + " @ receiver-" + result.getInt(3));
            }
        }
        return rows;
    }

    /** The first column of {@code sql}'s rows mapped to the second. */
    private Map<String, String> column(String database, String sql) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Connection connection = store.open(database); PreparedStatement select = connection.prepareStatement(sql);
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                values.put(result.getString(1), result.getString(2));
            }
        }
        return values;
    }

    private String diagnosis() {
        StringBuilder text = new StringBuilder(String.format("%s, seed %d: %d of %d logged SENT, %d handled;", name, seed,
                sent.size(), messages, distinctHandled()));
        for (ChildJvm child : children) {
            if (!ended.contains(child)) {
                text.append("\n--- stderr of running ").append(child).append(":\n").append(child.stderrTail());
            }
        }
        return text.append("\n  events: ").append(String.join("\n    ", events)).toString();
    }

    private void event(String what) {
        events.add(String.format("%6.1f s %s", seconds(), what));
    }

    private double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * Writes the trust anchors and each department's three keys and chains as PEM files
     * ({@link CrashChild#credentials}), taken from the department's PKCS#12 form once here rather
     * than in every child.
     */
    private static Path writeCredentials(Path directory) throws IOException {
        TestCredentials.authority().writeTrustAnchorsPem(directory.resolve("trust-anchors.pem"));
        char[] password = TestCredentials.PKCS12_PASSWORD.toCharArray();
        for (TestDepartment department : List.of(CrashMessages.SENDER, CrashMessages.RECEIVER)) {
            ByteArrayOutputStream pkcs12 = new ByteArrayOutputStream();
            department.credentials().writePkcs12(pkcs12, password);
            try {
                KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
                store.load(new ByteArrayInputStream(pkcs12.toByteArray()), password);
                for (String alias : List.of(DepartmentCredentials.GM_SIGNING_ALIAS, DepartmentCredentials.GM_ENCRYPTION_ALIAS,
                        DepartmentCredentials.INTL_ALIAS)) {
                    Files.writeString(CrashChild.keyFile(directory, department, alias),
                            pem(new JcaPKCS8Generator((PrivateKey) store.getKey(alias, password), null)));
                    StringBuilder chain = new StringBuilder();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.append(CertificateAuthority.pem((X509Certificate) certificate));
                    }
                    Files.writeString(CrashChild.chainFile(directory, department, alias), chain);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot turn " + department + "'s credentials into PEM files", e);
            }
        }
        return directory;
    }

    private static String pem(JcaPKCS8Generator key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key);
        }
        return text.toString();
    }
}
