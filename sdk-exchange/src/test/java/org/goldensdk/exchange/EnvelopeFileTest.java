package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.exchange.EnvelopeFixtures.PAYLOAD;
import static org.goldensdk.exchange.EnvelopeFixtures.message;
import static org.goldensdk.exchange.EnvelopeFixtures.sealer;
import static org.goldensdk.exchange.EnvelopeFixtures.verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aSealedMessageGoesIntoAFileAndComesOutVerifiedAndUnchanged(CryptoSuite suite) {
        Path file = dir.resolve("message.zip");
        try (SealedMessage sealed = sealer(suite).seal(message().build())) {
            EnvelopeFile.write(sealed, file);

            try (EnvelopeFile opened = EnvelopeFile.open(file)) {
                EnvelopeHeader header = opened.verify(verifier());

                assertThat(opened.envelope()).isEqualTo(sealed.envelope());
                assertThat(header.signatureAlgorithm().suite()).isEqualTo(suite);
                assertThat(readAll(opened.payload())).isEqualTo(PAYLOAD);
                for (int i = 0; i < sealed.attachments().size(); i++) {
                    assertThat(readAll(opened.attachment(i))).isEqualTo(sealed.attachments().get(i).readAllBytes());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aSensitiveMessageTravelsEncryptedInTheFileAndTheReceiverDecryptsIt(CryptoSuite suite) {
        Path file = dir.resolve("sensitive.zip");
        Message message = message().classification(Classification.SENSITIVE).encryptFor(
                TestDepartment.CUSTOMS.credentials().encryptionCertificateChain(suite).get(0)).build();
        try (SealedMessage sealed = sealer(suite).seal(message)) {
            EnvelopeFile.write(sealed, file);
        }
        assertThat(entryBytes(file, "payload")).isNotEqualTo(PAYLOAD);

        try (EnvelopeFile opened = EnvelopeFile.open(file)) {
            opened.verify(verifier());
            EnvelopeDecryptor customs = EnvelopeDecryptor.of(TestDepartment.CUSTOMS.credentials());

            assertThat(decrypt(out -> customs.decryptPayload(opened.envelope(), opened.payload(), out))).isEqualTo(PAYLOAD);
            assertThat(decrypt(out -> customs.decryptAttachment(opened.envelope(), 1, opened.attachment(1), out)))
                    .isEqualTo(new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7'});
            EnvelopeDecryptor audit = EnvelopeDecryptor.of(TestDepartment.AUDIT.credentials());
            assertThatThrownBy(() -> decrypt(out -> audit.decryptPayload(opened.envelope(), opened.payload(), out)))
                    .isInstanceOf(CryptoException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anEnvelopeConvertedFromJsonToXmlToAFileVerifiesWithTheSameSignature(CryptoSuite suite) {
        Path file = dir.resolve("converted.zip");
        try (SealedMessage sealed = sealer(suite).seal(message().build())) {
            Envelope original = sealed.envelope();
            Envelope viaJson = EnvelopeCodec.json().decode(EnvelopeCodec.json().encode(original));
            Envelope viaXml = EnvelopeCodec.xml().decode(EnvelopeCodec.xml().encode(viaJson));
            writeTo(file, out -> EnvelopeFile.write(viaXml, sealed.payload(), sealed.attachments(), out));

            try (EnvelopeFile opened = EnvelopeFile.open(file)) {
                Envelope fromFile = opened.envelope();

                assertThat(fromFile.signature()).isEqualTo(original.signature());
                assertThat(fromFile.canonicalHeader()).isEqualTo(original.canonicalHeader());
                assertThat(EnvelopeCodec.xml().encode(fromFile)).isEqualTo(EnvelopeCodec.xml().encode(original));
                assertThat(opened.verify(verifier())).isEqualTo(original.header());
            }
        }
    }

    @Test
    void theFileHoldsTheManifestThenThePayloadThenNumberedAttachmentsAllStored() throws IOException {
        Path file = dir.resolve("layout.zip");
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            EnvelopeFile.write(sealed, file);

            try (ZipFile zip = new ZipFile(file.toFile())) {
                assertThat(zip.stream().map(ZipEntry::getName))
                        .containsExactly("envelope.json", "payload", "attachments/1", "attachments/2");
                assertThat(zip.stream().map(ZipEntry::getMethod)).containsOnly(ZipEntry.STORED);
                assertThat(EnvelopeCodec.json().decode(zip.getInputStream(zip.getEntry("envelope.json"))))
                        .isEqualTo(sealed.envelope());
            }
        }
    }

    @Test
    void writingTheSameMessageTwiceGivesTheSameBytes() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            assertThat(fileBytes(sealed)).isEqualTo(fileBytes(sealed));
        }
    }

    @Test
    void aPartThatChangedAfterSealingIsRefusedAndNothingIsLeftBehind() throws IOException {
        Path source = Files.write(dir.resolve("ledger.csv"), "company,amount\n1,100\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("message.zip");
        try (SealedMessage sealed = sealer(CryptoSuite.INTL).seal(message()
                .attach("ledger.csv", "text/csv", Content.of(source)).build())) {
            Files.write(source, "company,amount\n1,900\n".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> EnvelopeFile.write(sealed, file)).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("attachment 'ledger.csv'");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(source);
        }
    }

    @Test
    void writingRefusesAttachmentsThatDoNotMatchTheManifest() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            assertThatThrownBy(() -> EnvelopeFile.write(sealed.envelope(), sealed.payload(),
                    sealed.attachments().subList(0, 1), new ByteArrayOutputStream()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.findings())
                            .extracting("rule").containsExactly("envelopeFile.attachmentCount"));
        }
    }

    @Test
    void askingForAnAttachmentTheEnvelopeDoesNotListIsRefused() {
        Path file = sealedFile(CryptoSuite.GM);
        try (EnvelopeFile opened = EnvelopeFile.open(file)) {
            assertThatThrownBy(() -> opened.attachment(2)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("has 2 attachments");
        }
    }

    @Test
    void thePayloadStreamSkipsLikeAnyInputStreamAndStillChecksTheDigest() throws IOException {
        Path file = sealedFile(CryptoSuite.GM);
        try (EnvelopeFile opened = EnvelopeFile.open(file); InputStream payload = opened.payload()) {
            assertThat(payload.skip(-1)).isZero();
            assertThat(payload.skip(3)).isEqualTo(3);
            assertThat(payload.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(PAYLOAD, 3, PAYLOAD.length));
        }
    }

    // Tampering with the bytes of a well-formed file: the structure is fine, the signature is not.

    @Test
    void aFlippedPayloadByteInTheFileFailsVerificationNamingThePayload() {
        Path file = sealedFile(CryptoSuite.GM);
        flipFirst(file, PAYLOAD, 5);

        try (EnvelopeFile opened = EnvelopeFile.open(file)) {
            assertThatThrownBy(() -> opened.verify(verifier())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("the payload of").hasMessageContaining("does not match its digest");
            assertThatThrownBy(() -> readAll(opened.payload())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("the payload of");
        }
    }

    @Test
    void aFlippedAttachmentByteInTheFileFailsVerificationNamingTheAttachment() {
        Path file = sealedFile(CryptoSuite.INTL);
        flipFirst(file, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 1);

        try (EnvelopeFile opened = EnvelopeFile.open(file)) {
            assertThatThrownBy(() -> opened.verify(verifier())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("attachment 'notice.pdf' of");
            assertThatThrownBy(() -> readAll(opened.attachment(1))).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("attachment 'notice.pdf' (attachments/2) of");
            assertThat(readAll(opened.attachment(0))).startsWith("company,amount".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aChangedHeaderValueInsideTheFileFailsVerificationNamingTheHeader() {
        Path file = sealedFile(CryptoSuite.GM);
        flipFirst(file, "case 2026-0007".getBytes(StandardCharsets.US_ASCII), 13);

        try (EnvelopeFile opened = EnvelopeFile.open(file)) {
            assertThat(opened.envelope().header().actingFor()).contains("case 2026-0006");
            assertThatThrownBy(() -> opened.verify(verifier())).isInstanceOf(SignatureException.class)
                    .hasMessageContaining("envelope header signature does not verify");
        }
    }

    // Files whose structure is wrong are refused when opened, before anything is verified.

    static Stream<Arguments> malformedFiles() {
        return Stream.of(
                Arguments.of("an extra entry", (Consumer<List<Entry>>) entries ->
                        entries.add(Entry.stored("notes.txt", new byte[] {1})), "the entry 'notes.txt' is not part of envelope"),
                Arguments.of("an extra attachment entry", (Consumer<List<Entry>>) entries ->
                        entries.add(Entry.stored("attachments/3", new byte[] {1})), "the entry 'attachments/3' is not part of"),
                Arguments.of("a path-traversal entry", (Consumer<List<Entry>>) entries ->
                        entries.add(Entry.stored("../evil", new byte[] {1})), "the entry '../evil' is not part of"),
                Arguments.of("an attachment under the sender's file name", (Consumer<List<Entry>>) entries ->
                        rename(entries, "attachments/2", "notice.pdf"), "the entry 'notice.pdf' is not part of"),
                Arguments.of("a missing attachment", (Consumer<List<Entry>>) entries ->
                        entries.removeIf(e -> e.name().equals("attachments/2")), "the entry 'attachments/2' of envelope"),
                Arguments.of("a missing payload", (Consumer<List<Entry>>) entries ->
                        entries.removeIf(e -> e.name().equals("payload")), "the entry 'payload' of envelope"),
                Arguments.of("a missing envelope", (Consumer<List<Entry>>) entries ->
                        entries.removeIf(e -> e.name().equals("envelope.json")), "the entry 'envelope.json' is missing"),
                Arguments.of("a payload of another size", (Consumer<List<Entry>>) entries ->
                        replace(entries, Entry.stored("payload", "{}".getBytes(StandardCharsets.UTF_8))),
                        "the entry 'payload' holds 2 bytes but envelope"),
                Arguments.of("a DEFLATED zip bomb as the payload", (Consumer<List<Entry>>) entries ->
                        replace(entries, new Entry("payload", new byte[16 * 1024 * 1024], ZipEntry.DEFLATED)),
                        "the entry 'payload' is compressed"),
                Arguments.of("a compressed envelope", (Consumer<List<Entry>>) entries ->
                        replace(entries, new Entry("envelope.json", find(entries, "envelope.json").bytes(), ZipEntry.DEFLATED)),
                        "the entry 'envelope.json' is compressed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void aFileWithTheWrongEntriesIsRefusedWhenOpened(String change, Consumer<List<Entry>> mutation, String problem) {
        Path file = dir.resolve("malformed.zip");
        List<Entry> entries = entries(sealedFile(CryptoSuite.GM));
        mutation.accept(entries);
        writeZip(file, entries);

        assertThatThrownBy(() -> EnvelopeFile.open(file)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("malformed.zip is not a valid envelope file").hasMessageContaining(problem);
    }

    @Test
    void aDuplicatedEntryIsRefusedEvenThoughZipFileWouldHideIt() throws IOException {
        Path file = dir.resolve("duplicate.zip");
        List<Entry> entries = entries(sealedFile(CryptoSuite.GM));
        // ZipOutputStream refuses duplicate names, so write a placeholder of the same length and rename it in place.
        entries.add(Entry.stored("PAYLOAD", find(entries, "payload").bytes()));
        writeZip(file, entries);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, new String(bytes, StandardCharsets.ISO_8859_1).replace("PAYLOAD", "payload")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> EnvelopeFile.open(file)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("the entry 'payload' occurs more than once");
    }

    @Test
    void anOversizedEnvelopeEntryIsRefusedAsTooLarge() {
        Path file = dir.resolve("big-envelope.zip");
        List<Entry> entries = entries(sealedFile(CryptoSuite.GM));
        replace(entries, Entry.stored("envelope.json", new byte[(int) EnvelopeCodec.MAX_ENCODED_BYTES + 1]));
        writeZip(file, entries);

        assertThatThrownBy(() -> EnvelopeFile.open(file)).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE)).hasMessageContaining("envelope.json");
    }

    @Test
    void aFileThatIsNoZipIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("message.zip"), "{\"header\":{}}");
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);

        assertThatThrownBy(() -> EnvelopeFile.open(text)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("message.zip is not an envelope file: it is not a readable ZIP file");
        assertThatThrownBy(() -> EnvelopeFile.open(empty)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("empty.zip is not an envelope file");
    }

    // Helpers: a file sealed from the fixtures, and reading and rewriting its entries.

    record Entry(String name, byte[] bytes, int method) {
        static Entry stored(String name, byte[] bytes) {
            return new Entry(name, bytes, ZipEntry.STORED);
        }
    }

    private Path sealedFile(CryptoSuite suite) {
        Path file = dir.resolve("sealed-" + suite + ".zip");
        try (SealedMessage sealed = sealer(suite).seal(message().build())) {
            EnvelopeFile.write(sealed, file);
        }
        return file;
    }

    private static List<Entry> entries(Path file) {
        List<Entry> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.add(Entry.stored(entry.getName(), zip.getInputStream(entry).readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static void writeZip(Path file, List<Entry> entries) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                zipEntry.setMethod(entry.method());
                if (entry.method() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.bytes());
                    zipEntry.setSize(entry.bytes().length);
                    zipEntry.setCompressedSize(entry.bytes().length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry find(List<Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private static void replace(List<Entry> entries, Entry replacement) {
        entries.set(entries.indexOf(find(entries, replacement.name())), replacement);
    }

    private static void rename(List<Entry> entries, String from, String to) {
        entries.set(entries.indexOf(find(entries, from)), Entry.stored(to, find(entries, from).bytes()));
    }

    private static byte[] entryBytes(Path file, String name) {
        return find(entries(file), name).bytes();
    }

    /** Lowers by one the byte at {@code offset} of the first occurrence of {@code marker} in the raw file. */
    private static void flipFirst(Path file, byte[] marker, int offset) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int at = indexOf(bytes, marker);
            assertThat(at).as("marker in the raw file").isNotNegative();
            bytes[at + offset]--;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] fileBytes(SealedMessage sealed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EnvelopeFile.write(sealed.envelope(), sealed.payload(), sealed.attachments(), out);
        return out.toByteArray();
    }

    private static void writeTo(Path file, Consumer<ByteArrayOutputStream> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.accept(out);
        try {
            Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] decrypt(Consumer<ByteArrayOutputStream> decryption) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decryption.accept(out);
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
