package org.goldensdk.portal;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What an agency writes: an article's content and disclosure metadata (DESIGN §6). The portal adds
 * the rest ({@link Article}): id, version, state, 索引号 and publish date. A draft is not checked
 * here beyond the types of its values: {@link ComplianceGate#reviewArticle} reports every missing
 * or malformed item at once.
 *
 * @param column the column (栏目) it appears in
 * @param title the title
 * @param documentNumber the 文号, or null when the document has none (required for policy documents)
 * @param writtenOn the written date (成文日期)
 * @param issuingAgency the issuing agency's full name (发布机构); the client fills in its own agency when null
 * @param topic the topic category (主题分类)
 * @param genre the genre (体裁)
 * @param disclosure the disclosure attribute (公开属性)
 * @param validity whether the document is in force (有效性)
 * @param html the body as HTML; sanitised by the compliance gate before it is published
 */
public record ArticleDraft(Column column, String title, DocumentNumber documentNumber, LocalDate writtenOn,
        String issuingAgency, TopicCategory topic, Genre genre, DisclosureAttribute disclosure, Validity validity,
        String html) {

    /** A builder; disclosure defaults to 主动公开, validity to 有效, genre to {@link Genre#NOTICE}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this draft, e.g. to change one value for an update. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.column = column;
        builder.title = title;
        builder.documentNumber = documentNumber;
        builder.writtenOn = writtenOn;
        builder.issuingAgency = issuingAgency;
        builder.topic = topic;
        builder.genre = genre;
        builder.disclosure = disclosure;
        builder.validity = validity;
        builder.html = html;
        return builder;
    }

    /** This draft issued by {@code agencyName} when it names no issuing agency itself. */
    public ArticleDraft issuedByDefault(String agencyName) {
        return issuingAgency != null ? this : toBuilder().issuingAgency(agencyName).build();
    }

    /** This draft with another body. */
    public ArticleDraft withHtml(String newHtml) {
        return toBuilder().html(newHtml).build();
    }

    /** This draft with another title. */
    public ArticleDraft withTitle(String newTitle) {
        return toBuilder().title(newTitle).build();
    }

    /** Builds an {@link ArticleDraft}. Not thread-safe. */
    public static final class Builder {
        private Column column;
        private String title;
        private DocumentNumber documentNumber;
        private LocalDate writtenOn;
        private String issuingAgency;
        private TopicCategory topic;
        private Genre genre = Genre.NOTICE;
        private DisclosureAttribute disclosure = DisclosureAttribute.PROACTIVE;
        private Validity validity = Validity.EFFECTIVE;
        private String html;

        private Builder() {
        }

        /** The column. */
        public Builder column(Column column) {
            this.column = Objects.requireNonNull(column, "column");
            return this;
        }

        /** The title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * The 文号, e.g. {@code 武农发〔2026〕3号}.
         *
         * @throws org.goldensdk.core.ValidationException if it is not written as GB/T 9704 requires
         */
        public Builder documentNumber(String documentNumber) {
            this.documentNumber = documentNumber == null ? null : DocumentNumber.parse(documentNumber);
            return this;
        }

        /** The written date (成文日期). */
        public Builder writtenOn(LocalDate writtenOn) {
            this.writtenOn = writtenOn;
            return this;
        }

        /** The issuing agency's full name; by default the client's agency. */
        public Builder issuingAgency(String issuingAgency) {
            this.issuingAgency = issuingAgency;
            return this;
        }

        /**
         * The topic category, e.g. {@code 农业、林业、水利}.
         *
         * @throws org.goldensdk.core.ValidationException if it is not a {@link TopicCategory#STANDARD} one
         */
        public Builder topic(String topic) {
            this.topic = topic == null ? null : TopicCategory.of(topic);
            return this;
        }

        /** The genre. */
        public Builder genre(Genre genre) {
            this.genre = genre;
            return this;
        }

        /** The disclosure attribute. */
        public Builder disclosure(DisclosureAttribute disclosure) {
            this.disclosure = disclosure;
            return this;
        }

        /** The validity. */
        public Builder validity(Validity validity) {
            this.validity = validity;
            return this;
        }

        /** The body as HTML. */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        /** The draft; see {@link ComplianceGate#reviewArticle} for what is required. */
        public ArticleDraft build() {
            return new ArticleDraft(column, title, documentNumber, writtenOn, issuingAgency, topic, genre, disclosure,
                    validity, html);
        }
    }
}
