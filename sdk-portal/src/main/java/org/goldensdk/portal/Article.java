package org.goldensdk.portal;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An article as the portal holds it: the agency's {@link ArticleDraft content} (sanitised, and
 * masked under {@link ComplianceMode#MASK}) with what the portal adds. Every change increments
 * {@link #version()}; updates and publishing name the version they start from.
 *
 * @param id the portal's id of the article
 * @param version the version, from 1
 * @param state draft, published or withdrawn
 * @param indexNumber the 索引号, null until first published, never changed afterwards
 * @param agency the agency that owns it (the one whose certificate created it)
 * @param content the content and disclosure metadata
 * @param publishedOn the publish date (发布日期), null until first published
 * @param withdrawalReason why it was withdrawn, null unless withdrawn
 * @param attachments the attachments, in the order added
 */
public record Article(String id, long version, ArticleState state, IndexNumber indexNumber, Agency agency,
        ArticleDraft content, LocalDate publishedOn, String withdrawalReason, List<AttachmentInfo> attachments) {

    /** Checks the required parts and copies the attachment list. */
    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(content, "content");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The 索引号, once the article has been published. */
    public Optional<IndexNumber> indexNumberIfAllocated() {
        return Optional.ofNullable(indexNumber);
    }

    /** The title. */
    public String title() {
        return content.title();
    }
}
