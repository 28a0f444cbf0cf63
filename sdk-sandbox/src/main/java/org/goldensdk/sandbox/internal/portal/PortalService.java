package org.goldensdk.sandbox.internal.portal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.Finding;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.ArticleQuery;
import org.goldensdk.portal.ArticleState;
import org.goldensdk.portal.AttachmentType;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.ComplianceGate;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.Page;
import org.goldensdk.portal.ServiceGuide;
import org.goldensdk.portal.ServiceGuideDraft;

/**
 * What the sandbox portal does for its callers: the publishing API's operations for an agency
 * identified by its TLS certificate (credit code in the subject's serialNumber, full name in O),
 * each content passing the same {@link ComplianceGate} the client runs, and what the public pages
 * read and the citizens' mailbox form writes.
 */
public final class PortalService {
    /** Portal dates (publish date, 索引号 year) are Beijing time. */
    public static final ZoneId PORTAL_ZONE = ZoneId.of("Asia/Shanghai");

    private final PortalStore store;
    private final Clock clock;
    private final ComplianceGate gate;
    private final List<Agency> agencies;

    /** A service over {@code store}; {@code agencies} are those citizens may write to. */
    public PortalService(PortalStore store, Clock clock, List<Agency> agencies) {
        this.store = store;
        this.clock = clock.withZone(PORTAL_ZONE);
        this.gate = Compliance.reject().gate(this.clock);
        this.agencies = List.copyOf(agencies);
    }

    /** The agencies citizens may write to. */
    public List<Agency> agencies() {
        return agencies;
    }

    /** The agency a TLS client certificate stands for. */
    public static Agency agencyOf(X509Certificate certificate) {
        CreditCode code = Certificates.creditCode(certificate).orElseThrow(() -> new AccessDeniedException(
                "the client certificate carries no credit code (subject serialNumber); only agencies may publish"));
        String name = null;
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("O")) {
                    name = rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new AccessDeniedException("the client certificate's subject cannot be read");
        }
        return new Agency(name == null ? code.value() : name, code);
    }

    // ---- publishing API

    /** Creates a draft for {@code caller}. */
    public Article create(Agency caller, String idempotencyKey, ArticleDraft draft) {
        return store.createArticle(caller, idempotencyKey, gate.reviewArticle(draft), clock.instant());
    }

    /** Updates {@code caller}'s draft at {@code expectedVersion}. */
    public Article update(Agency caller, String id, long expectedVersion, ArticleDraft draft) {
        return store.updateArticle(caller.creditCode(), id, expectedVersion, gate.reviewArticle(draft), clock.instant());
    }

    /** Adds an attachment, reviewed by the gate (type by content, personal data in its text). */
    public Article attach(Agency caller, String id, long expectedVersion, String idempotencyKey, String fileName, byte[] content) {
        AttachmentType type = gate.reviewAttachment(fileName, content);
        return store.addAttachment(caller.creditCode(), id, expectedVersion, idempotencyKey, fileName, type, content,
                CryptoSuite.INTL.digest(content).hex(), clock.instant());
    }

    /** Publishes {@code caller}'s article at {@code version}. */
    public Article publish(Agency caller, String id, long version) {
        return store.publish(caller.creditCode(), id, version, LocalDate.now(clock), clock.instant());
    }

    /** Withdraws {@code caller}'s article. */
    public Article withdraw(Agency caller, String id, String reason) {
        return store.withdraw(caller.creditCode(), id, gate.reviewText("reason", reason), clock.instant());
    }

    /** Article {@code id} as {@code caller} may see it: anything public, or its own draft. */
    public Article article(Agency caller, String id) {
        return store.article(id)
                .filter(article -> article.state() != ArticleState.DRAFT || article.agency().creditCode().equals(caller.creditCode()))
                .orElseThrow(() -> new NotFoundException("no article " + id));
    }

    /** Published articles matching {@code query}. */
    public Page<Article> articles(ArticleQuery query) {
        return store.articles(query);
    }

    /** Publishes a guide for {@code caller}. */
    public ServiceGuide createGuide(Agency caller, String idempotencyKey, ServiceGuideDraft guide) {
        return store.createGuide(caller, idempotencyKey, gate.reviewGuide(guide), LocalDate.now(clock), clock.instant());
    }

    /** Updates {@code caller}'s guide. */
    public ServiceGuide updateGuide(Agency caller, String id, long expectedVersion, ServiceGuideDraft guide) {
        return store.updateGuide(caller.creditCode(), id, expectedVersion, gate.reviewGuide(guide), LocalDate.now(clock),
                clock.instant());
    }

    /** Guide {@code id}. */
    public ServiceGuide guide(String id) {
        return store.guide(id).orElseThrow(() -> new NotFoundException("no service guide " + id));
    }

    /** Guides of {@code agency} (null: all). */
    public List<ServiceGuide> guides(CreditCode agency) {
        return store.guides(agency, 100);
    }

    /** The letters assigned to {@code caller}. */
    public List<Letter> letters(Agency caller, LetterState state) {
        return store.letters(caller.creditCode(), state);
    }

    /** Letter {@code id}, when assigned to {@code caller}. */
    public Letter letter(Agency caller, String id) {
        Letter letter = store.letter(id).orElseThrow(() -> new NotFoundException("no letter " + id));
        if (!letter.agency().equals(caller.creditCode().value())) {
            throw new AccessDeniedException("letter " + id + " is assigned to another agency; it carries a citizen's"
                    + " personal data and only that agency may read it");
        }
        return letter;
    }

    /** Replies to a letter assigned to {@code caller}; the reply passes the gate. */
    public Letter reply(Agency caller, String id, String reply) {
        return store.reply(caller.creditCode(), id, gate.reviewText("reply", reply), clock.instant());
    }

    // ---- public pages

    /** A published or withdrawn article, for its public page. */
    public Article publicArticle(String id) {
        return store.article(id).filter(article -> article.state() != ArticleState.DRAFT)
                .orElseThrow(() -> new NotFoundException("no article " + id));
    }

    /** An attachment of a published article. */
    public PortalStore.StoredAttachment publicAttachment(String attachmentId) {
        return store.attachment(attachmentId)
                .filter(attachment -> store.article(attachment.articleId())
                        .map(article -> article.state() == ArticleState.PUBLISHED).orElse(false))
                .orElseThrow(() -> new NotFoundException("no attachment " + attachmentId));
    }

    /** A citizen's letter, for its public page. */
    public Letter publicLetter(String id) {
        return store.letter(id).orElseThrow(() -> new NotFoundException("no letter " + id));
    }

    /** The latest answered letters. */
    public List<Letter> repliedLetters() {
        return store.repliedLetters(20);
    }

    /**
     * Stores a letter from the mailbox form.
     *
     * @throws ValidationException listing every field that is missing or too long
     */
    public Letter submitLetter(String agency, String subject, String body, String name, String contact) {
        List<Finding> findings = new ArrayList<>();
        Agency addressee = agencies.stream().filter(candidate -> candidate.creditCode().value().equals(agency)).findFirst()
                .orElse(null);
        if (addressee == null) {
            findings.add(new Finding("agency", "letter.agency", "请选择受理部门 (choose a department)"));
        }
        check(findings, "subject", subject, 100, "标题");
        check(findings, "body", body, 5000, "内容");
        check(findings, "name", name, 50, "姓名");
        check(findings, "contact", contact, 100, "联系方式");
        if (!findings.isEmpty()) {
            throw new ValidationException(findings);
        }
        return store.submitLetter(Objects.requireNonNull(addressee).creditCode(), subject.strip(), body.strip(), name.strip(),
                contact.strip(), clock.instant());
    }

    private static void check(List<Finding> findings, String field, String value, int max, String label) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            findings.add(new Finding(field, "letter." + field, "请填写" + label + " (1–" + max + " 个字符)"));
        }
    }
}
