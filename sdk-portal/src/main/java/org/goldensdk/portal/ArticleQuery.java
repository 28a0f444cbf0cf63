package org.goldensdk.portal;

import java.time.LocalDate;
import java.util.Optional;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.ValidationException;

/**
 * Which published articles to list: by column, agency, publish date range and words of the title,
 * one page at a time, newest first. Every criterion is optional.
 *
 * @param column only this column, or null
 * @param agency only this agency's articles, or null
 * @param from published on or after this date, or null
 * @param to published on or before this date, or null
 * @param text words the title contains, or null
 * @param page the page, from 1
 * @param size the page size, 1–100
 */
public record ArticleQuery(Column column, CreditCode agency, LocalDate from, LocalDate to, String text, int page,
        int size) {

    /**
     * Checks the paging and the date range.
     *
     * @throws ValidationException if the page is below 1, the size outside 1–100 or {@code from} after {@code to}
     */
    public ArticleQuery {
        if (page < 1 || size < 1 || size > 100) {
            throw new ValidationException("page", "query.paging", "page starts at 1 and size is 1–100, got page "
                    + page + " size " + size);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new ValidationException("from", "query.dateRange", "the range starts after it ends");
        }
        text = text == null || text.isBlank() ? null : text.strip();
    }

    /** A builder: everything published, first page of 20. */
    public static Builder builder() {
        return new Builder();
    }

    /** The words searched for. */
    public Optional<String> textIfPresent() {
        return Optional.ofNullable(text);
    }

    /** Builds an {@link ArticleQuery}. Not thread-safe. */
    public static final class Builder {
        private Column column;
        private CreditCode agency;
        private LocalDate from;
        private LocalDate to;
        private String text;
        private int page = 1;
        private int size = 20;

        private Builder() {
        }

        /** Only this column. */
        public Builder column(Column column) {
            this.column = column;
            return this;
        }

        /** Only this agency's articles. */
        public Builder agency(CreditCode agency) {
            this.agency = agency;
            return this;
        }

        /** Published within {@code [from, to]}; either may be null for an open end. */
        public Builder publishedBetween(LocalDate from, LocalDate to) {
            this.from = from;
            this.to = to;
            return this;
        }

        /** Titles containing {@code text}. */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** The page (from 1) and its size (1–100). */
        public Builder page(int page, int size) {
            this.page = page;
            this.size = size;
            return this;
        }

        /** The query. */
        public ArticleQuery build() {
            return new ArticleQuery(column, agency, from, to, text, page, size);
        }
    }
}
