package org.goldensdk.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.Finding;
import org.goldensdk.portal.internal.PortalApi;
import org.goldensdk.portal.internal.Versions;

/**
 * The agency's articles on the portal: create a draft, update it from the version it read, attach
 * files, publish, withdraw, read and list. Everything sent passes the client's compliance gate
 * first and the portal's on receipt. Thread-safe; get it from {@link PortalClient#articles()}.
 */
public final class Articles {
    private final PortalApi api;
    private final ComplianceGate gate;
    private final Agency agency;

    Articles(PortalApi api, ComplianceGate gate, Agency agency) {
        this.api = api;
        this.gate = gate;
        this.agency = agency;
    }

    /**
     * Creates a draft (version 1); the issuing agency defaults to the client's agency. Retried
     * safely: the request carries an idempotency key, so a retry never creates a second draft.
     *
     * @throws ComplianceException listing every finding of the gate (nothing is sent)
     */
    public Article create(ArticleDraft draft) {
        ArticleDraft reviewed = gate.reviewArticle(draft.issuedByDefault(agency.fullName()));
        return api.createArticle(reviewed);
    }

    /**
     * Replaces the content of article {@code id}, provided it is still at {@code expectedVersion}.
     *
     * @throws org.goldensdk.core.ValidationException if {@code expectedVersion} is below 1 (nothing is sent)
     * @throws org.goldensdk.core.ConflictException if someone changed it since (re-read, merge, retry)
     * @throws org.goldensdk.core.AccessDeniedException if another agency owns it
     * @throws ComplianceException listing every finding of the gate
     */
    public Article update(String id, long expectedVersion, ArticleDraft draft) {
        ArticleDraft reviewed = gate.reviewArticle(draft.issuedByDefault(agency.fullName()));
        return api.updateArticle(id, Versions.require("expectedVersion", expectedVersion), reviewed);
    }

    /**
     * Attaches {@code file} to article {@code id} at {@code expectedVersion}, streaming it and
     * telling {@code progress} how far it got. The file is read once (up to the size limit) and
     * reviewed first: size, type by content, personal data in its text; the reviewed bytes are sent.
     *
     * @throws ComplianceException if the gate refuses the file (nothing is sent)
     * @throws org.goldensdk.core.ConflictException if the article is no longer at {@code expectedVersion}
     * @throws UncheckedIOException if the file cannot be read
     */
    public Article attach(String id, long expectedVersion, Path file, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        Versions.require("expectedVersion", expectedVersion);
        String fileName = file.getFileName().toString();
        byte[] content;
        try {
            long size = Files.size(file);
            if (size > gate.compliance().maxAttachmentBytes()) {
                throw new ComplianceException(List.of(new Finding("attachment '" + fileName + "'",
                        "attachment.size", "it has " + size + " bytes, more than the limit of "
                        + gate.compliance().maxAttachmentBytes())));
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attachment " + fileName, e);
        }
        AttachmentType type = gate.reviewAttachment(fileName, content);
        // the bytes the gate reviewed are the bytes sent: a file changed in between cannot slip through
        return api.addAttachment(id, expectedVersion, fileName, type, content, progress);
    }

    /**
     * Publishes article {@code id} at {@code version}: the portal allocates its 索引号 at the first
     * publication and sets the publish date. Publishing the same version again is a success that
     * changes nothing, so a retried publish publishes once.
     *
     * @throws org.goldensdk.core.ConflictException if the article is at another version
     * @throws org.goldensdk.core.AccessDeniedException if another agency owns it
     */
    public Article publish(String id, long version) {
        return api.publishArticle(id, Versions.require("version", version));
    }

    /**
     * Withdraws published article {@code id}: its page then shows a withdrawal notice with
     * {@code reason} instead of the content; its 索引号 stays. Withdrawing again is a success.
     *
     * @throws org.goldensdk.core.ConflictException if the article was never published
     * @throws org.goldensdk.core.AccessDeniedException if another agency owns it
     */
    public Article withdraw(String id, String reason) {
        String reviewed = gate.reviewText("reason", reason);
        return api.withdrawArticle(id, reviewed);
    }

    /**
     * Article {@code id}: any published or withdrawn article, or a draft of the client's own agency.
     *
     * @throws org.goldensdk.core.NotFoundException if there is none (or it is another agency's draft)
     */
    public Article get(String id) {
        return api.article(id);
    }

    /** The published articles matching {@code query}, newest first. */
    public Page<Article> list(ArticleQuery query) {
        return api.articles(query);
    }
}
