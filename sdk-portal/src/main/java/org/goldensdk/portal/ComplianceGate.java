package org.goldensdk.portal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.Finding;
import org.goldensdk.core.PersonalDataMatch;
import org.goldensdk.core.Redactor;
import org.goldensdk.portal.internal.AttachmentText;
import org.goldensdk.portal.internal.ContentSniffer;
import org.goldensdk.portal.internal.HtmlReview;
import org.goldensdk.portal.internal.ZipInspection;

/**
 * The compliance gate every piece of portal content passes before it goes public — the same code
 * in the client (before sending) and in the portal (on receipt). It checks the required
 * disclosure metadata, sanitises HTML with the OWASP Java HTML Sanitizer, finds personal data with
 * core's {@link Redactor} (citizen IDs in every written form, mobile numbers, bank cards) in text
 * <b>and in the text of attachments</b> (PDF, XLSX, DOCX, OFD), and the configured sensitive
 * words. Under {@link ComplianceMode#REJECT} any finding refuses the content; under
 * {@link ComplianceMode#MASK} text is published masked and sanitised, while attachments with
 * findings are refused (they cannot be masked) and missing metadata is always refused.
 *
 * <p>Every refusal is a {@link ComplianceException} listing <em>every</em> finding with where it
 * is ({@code html}, {@code title}, {@code attachment 'list.xlsx' sheet 'Sheet1' cell B3} …) and the
 * value masked, never in clear. Immutable and thread-safe; get one from {@link Compliance#gate}.
 */
public final class ComplianceGate {
    private static final int MAX_TITLE = 200;
    private static final String MASK_HINT = "; remove it, or publish with Compliance.mask() to mask it";

    private final Compliance compliance;
    private final Clock clock;
    private final Redactor redactor;

    ComplianceGate(Compliance compliance, Clock clock) {
        this.compliance = compliance;
        this.clock = clock;
        this.redactor = Redactor.standard(clock);
    }

    /** The compliance this gate applies. */
    public Compliance compliance() {
        return compliance;
    }

    /**
     * Reviews an article: returns the draft to publish (HTML sanitised; under MASK personal data and
     * sensitive words masked in title and body).
     *
     * @throws ComplianceException listing every finding when it may not be published
     */
    public ArticleDraft reviewArticle(ArticleDraft draft) {
        List<Finding> findings = new ArrayList<>();
        metadata(draft, findings);
        HtmlReview.Result html = HtmlReview.sanitise(draft.html() == null ? "" : draft.html());
        if (compliance.mode() == ComplianceMode.REJECT) {
            html.removed().forEach(removed -> findings.add(new Finding("html", "html.unsafe",
                    removed + "; remove it, or publish with Compliance.mask() to publish the sanitised HTML")));
        }
        String title = text("title", draft.title() == null ? "" : draft.title(), findings);
        String body = text("html", html.html(), findings);
        throwIfAny(findings);
        return draft.toBuilder().title(title).html(body).build();
    }

    /**
     * Reviews a service guide's fields: all required, each scanned as text; returns the guide to
     * publish (masked under MASK).
     *
     * @throws ComplianceException listing every finding
     */
    public ServiceGuideDraft reviewGuide(ServiceGuideDraft guide) {
        List<Finding> findings = new ArrayList<>();
        String title = required("title", guide.title(), findings);
        String conditions = required("conditions", guide.conditions(), findings);
        String timeLimit = required("timeLimit", guide.timeLimit(), findings);
        String fees = required("fees", guide.fees(), findings);
        String legalBasis = required("legalBasis", guide.legalBasis(), findings);
        String location = required("location", guide.location(), findings);
        String contact = required("contact", guide.contact(), findings);
        if (guide.materials().isEmpty()) {
            findings.add(missing("materials", "the materials to bring (申请材料)"));
        }
        if (guide.steps().isEmpty()) {
            findings.add(missing("steps", "the steps of the procedure (办理流程)"));
        }
        List<String> materials = new ArrayList<>();
        for (int i = 0; i < guide.materials().size(); i++) {
            materials.add(text("materials[" + i + "]", guide.materials().get(i), findings));
        }
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < guide.steps().size(); i++) {
            steps.add(text("steps[" + i + "]", guide.steps().get(i), findings));
        }
        throwIfAny(findings);
        return new ServiceGuideDraft(title, conditions, materials, steps, timeLimit, fees, legalBasis, location, contact);
    }

    /**
     * Reviews plain text that becomes public, such as a reply to a citizen's letter: required,
     * scanned, masked under MASK.
     *
     * @throws ComplianceException listing every finding
     */
    public String reviewText(String field, String text) {
        List<Finding> findings = new ArrayList<>();
        String reviewed = required(field, text, findings);
        throwIfAny(findings);
        return reviewed;
    }

    /**
     * Reviews an attachment: its size, its type judged by content (PDF, OFD, XLSX, DOCX, PNG, JPEG,
     * GIF — never by {@code fileName}), and the personal data and sensitive words in its text. In
     * both modes a finding refuses it: an attachment cannot be masked.
     *
     * @return the detected type
     * @throws ComplianceException listing every finding
     */
    public AttachmentType reviewAttachment(String fileName, byte[] content) {
        String where = "attachment '" + (fileName == null ? "" : fileName) + "'";
        if (fileName == null || fileName.isBlank() || fileName.length() > 200
                || fileName.chars().anyMatch(c -> c < ' ' || c == '/' || c == '\\')) {
            throw new ComplianceException(List.of(new Finding("attachment", "attachment.fileName",
                    "a file name of 1–200 characters without path separators or control characters is required")));
        }
        if (content.length > compliance.maxAttachmentBytes()) {
            throw new ComplianceException(List.of(new Finding(where, "attachment.size", "it has " + content.length
                    + " bytes, more than the limit of " + compliance.maxAttachmentBytes())));
        }
        Optional<AttachmentType> type;
        try {
            type = ContentSniffer.detect(content, compliance.maxInflatedBytes());
        } catch (ZipInspection.RefusedArchive e) {
            throw new ComplianceException(List.of(new Finding(where, "attachment.unreadable", e.getMessage()
                    + "; its text must be reviewable before it is published")));
        }
        if (type.isEmpty()) {
            throw new ComplianceException(List.of(new Finding(where, "attachment.type", "its content is not PDF, OFD,"
                    + " XLSX, DOCX, PNG, JPEG or GIF (the type is judged by the content, not the file name)")));
        }
        List<AttachmentText.Segment> segments;
        try {
            segments = AttachmentText.extract(type.get(), content, compliance.maxInflatedBytes(), compliance.maxTextChars());
        } catch (AttachmentText.UnreadableAttachment e) {
            throw new ComplianceException(List.of(new Finding(where, "attachment.unreadable", e.getMessage()
                    + "; its text must be reviewable before it is published")));
        }
        List<Finding> findings = new ArrayList<>();
        for (AttachmentText.Segment segment : segments) {
            scan(where + " " + segment.location(), segment.text(), findings,
                    "; an attachment cannot be masked: remove the value from the file and attach it again");
        }
        throwIfAny(findings);
        return type.get();
    }

    private void metadata(ArticleDraft draft, List<Finding> findings) {
        if (draft.column() == null) {
            findings.add(missing("column", "the column (栏目)"));
        }
        if (draft.title() == null || draft.title().isBlank()) {
            findings.add(missing("title", "the title"));
        } else if (draft.title().length() > MAX_TITLE) {
            findings.add(new Finding("title", "metadata.length", "the title has more than " + MAX_TITLE + " characters"));
        }
        LocalDate today = LocalDate.now(clock);
        if (draft.writtenOn() == null) {
            findings.add(missing("writtenOn", "the written date (成文日期)"));
        } else if (draft.writtenOn().isAfter(today)) {
            findings.add(new Finding("writtenOn", "metadata.writtenOn", "the written date (成文日期) is in the future"));
        }
        if (draft.issuingAgency() == null || draft.issuingAgency().isBlank()) {
            findings.add(missing("issuingAgency", "the issuing agency's full name (发布机构)"));
        }
        if (draft.topic() == null) {
            findings.add(missing("topic", "the topic category (主题分类)"));
        }
        if (draft.genre() == null) {
            findings.add(missing("genre", "the genre (体裁)"));
        }
        if (draft.disclosure() == null) {
            findings.add(missing("disclosure", "the disclosure attribute (公开属性: 主动公开 or 依申请公开)"));
        }
        if (draft.validity() == null) {
            findings.add(missing("validity", "the validity (有效性)"));
        }
        if (draft.html() == null || draft.html().isBlank()) {
            findings.add(missing("html", "the body"));
        }
        if (draft.column() == Column.POLICY_DOCUMENTS && draft.documentNumber() == null) {
            findings.add(missing("documentNumber", "the document number (文号) of a policy document"));
        }
        if (draft.documentNumber() != null && draft.writtenOn() != null
                && draft.documentNumber().year() != draft.writtenOn().getYear()) {
            findings.add(new Finding("documentNumber", "metadata.documentNumber.year", "the year in the document number ("
                    + draft.documentNumber().year() + ") is not the year of the written date (" + draft.writtenOn().getYear() + ")"));
        }
    }

    private String required(String field, String value, List<Finding> findings) {
        if (value == null || value.isBlank()) {
            findings.add(missing(field, field));
            return value;
        }
        return text(field, value, findings);
    }

    /** Scans {@code text}; returns it masked under MASK (findings then only under REJECT). */
    private String text(String field, String text, List<Finding> findings) {
        if (compliance.mode() == ComplianceMode.MASK) {
            return maskWords(redactor.redact(text));
        }
        scan(field, text, findings, MASK_HINT);
        return text;
    }

    private void scan(String where, String text, List<Finding> findings, String advice) {
        String masked = null;
        for (PersonalDataMatch match : redactor.find(text)) {
            masked = masked == null ? redactor.redact(text) : masked;
            String shown = masked.substring(match.start(), match.end()).replaceAll("<[^>]*>", "");
            findings.add(new Finding(where, "personalData." + match.kind().name(), describe(match) + " " + shown
                    + " at characters " + match.start() + "–" + match.end() + advice));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : compliance.sensitiveWords()) {
            int at = lower.indexOf(word.toLowerCase(Locale.ROOT));
            while (at >= 0) {
                findings.add(new Finding(where, "sensitiveWord", "the sensitive word '" + word + "' at character " + at + advice));
                at = lower.indexOf(word.toLowerCase(Locale.ROOT), at + word.length());
            }
        }
    }

    private String maskWords(String text) {
        StringBuilder out = new StringBuilder(text);
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : compliance.sensitiveWords()) {
            String needle = word.toLowerCase(Locale.ROOT);
            for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length())) {
                for (int i = at; i < at + needle.length(); i++) {
                    out.setCharAt(i, '*');
                }
            }
        }
        return out.toString();
    }

    private static String describe(PersonalDataMatch match) {
        return switch (match.kind()) {
            case CITIZEN_ID -> "a citizen ID (公民身份号码)";
            case MOBILE_NUMBER -> "a mobile number";
            case BANK_CARD -> "a bank card number";
        };
    }

    private static Finding missing(String field, String what) {
        return new Finding(field, "metadata.required", what + " is required");
    }

    private static void throwIfAny(List<Finding> findings) {
        if (!findings.isEmpty()) {
            throw new ComplianceException(findings);
        }
    }
}
