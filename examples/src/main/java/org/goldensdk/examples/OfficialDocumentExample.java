package org.goldensdk.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.exchange.Classification;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * 公文: the Wuhan agriculture bureau sends an official document to the administrative service centre —
 * the document's metadata as the signed JSON payload and the document itself as a PDF attachment,
 * covered by the envelope signature through its digest — and follows its receipts. The receiving
 * side gets the attachment only after its digest verified.
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.OfficialDocumentExample}.
 */
public final class OfficialDocumentExample {
    /** The service for official documents between agencies. Not among the sandbox's default rights: the example grants it. */
    public static final ServiceId OFFICIAL_DOCUMENT = ServiceId.of("gov.official-document", 1);

    /** An official document's register entry (文号, title, issuing agency, date, urgency), sent as the payload. */
    public record DocumentRecord(String documentNumber, String title, String issuer, String writtenOn, String urgency) {
    }

    /** What the service centre filed: the record and the attachment's name, type and first bytes. */
    public record Filed(DocumentRecord record, String attachmentName, String attachmentType, long attachmentSize, String magic) {
    }

    /** What the example did. */
    public record Result(List<Filed> filed, ReceiptLog.Trace trace) {
    }

    private OfficialDocumentExample() {
    }

    /** Starts a sandbox, runs the example, prints the receipts. */
    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start()) {
            run(sandbox, Files.createTempDirectory("golden-example")).trace().receipts().forEach(System.out::println);
        }
    }

    /** Agriculture sends the notice with its PDF; the service centre files it. Stores and the PDF live under {@code work}. */
    public static Result run(Sandbox sandbox, Path work) throws InterruptedException {
        // On a real platform its administrators grant rights; the sandbox lets the example do it.
        sandbox.allow(TestDepartment.AGRICULTURE.partyId(), TestDepartment.SERVICE_CENTRE.partyId(), OFFICIAL_DOCUMENT);
        Path pdf = writePdf(work.resolve("wunongfa-2026-3.pdf"), "Notice on spring ploughing 2026 (Wu Nong Fa [2026] No. 3)");
        List<Filed> filed = new CopyOnWriteArrayList<>();
        ReceiptLog receipts = new ReceiptLog();
        try (ExchangeEndpoint centre = SandboxDepartments.endpoint(sandbox, TestDepartment.SERVICE_CENTRE, work.resolve("centre"),
                null, Map.of(OFFICIAL_DOCUMENT, (message, context) -> {
                    DocumentRecord record = message.json(DocumentRecord.class);
                    if (message.attachments().size() != 1) {
                        return Outcome.rejected("E_NO_DOCUMENT", "an official document carries exactly one attachment");
                    }
                    Message.Attachment document = message.attachments().get(0);   // digest already verified
                    byte[] bytes = document.content().readAllBytes();
                    filed.add(new Filed(record, document.name(), document.contentType(), bytes.length,
                            new String(bytes, 0, 5, StandardCharsets.US_ASCII)));
                    return Outcome.processed();
                }));
                ExchangeClient agriculture = SandboxDepartments.client(sandbox, TestDepartment.AGRICULTURE, work.resolve("agriculture"),
                        null, receipts)) {
            long sentAt = System.nanoTime();
            MessageId id = agriculture.send(Message.to(TestDepartment.SERVICE_CENTRE.partyId())
                    .service(OFFICIAL_DOCUMENT)
                    .json(new DocumentRecord("武农发〔2026〕3号", "关于做好2026年春耕备耕工作的通知", "武汉市农业农村局",
                            "2026-02-20", "平件"))
                    .attach(pdf)                                    // streamed and digested; type from the file name
                    .classification(Classification.INTERNAL)
                    .build());
            ReceiptLog.Trace trace = receipts.awaitOutcome(id, sentAt, Duration.ofSeconds(30));   // PROCESSED: filed by now
            return new Result(List.copyOf(filed), trace);
        }
    }

    /** Writes a one-page PDF showing {@code text} (ASCII): a real document, small enough to read in the source. */
    static Path writePdf(Path file, String text) {
        String content = "BT /F1 14 Tf 72 760 Td (" + text.replace("(", "\\(").replace(")", "\\)") + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, pdf, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
