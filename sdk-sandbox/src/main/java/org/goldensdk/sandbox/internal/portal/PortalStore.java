package org.goldensdk.sandbox.internal.portal;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.StorageException;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.ArticleQuery;
import org.goldensdk.portal.ArticleState;
import org.goldensdk.portal.AttachmentInfo;
import org.goldensdk.portal.AttachmentType;
import org.goldensdk.portal.IndexNumber;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.Page;
import org.goldensdk.portal.ServiceGuide;
import org.goldensdk.portal.ServiceGuideDraft;
import org.goldensdk.sandbox.internal.EmbeddedDatabase;

/**
 * The sandbox portal's state in its own embedded H2 database (schema in
 * {@code org/goldensdk/sandbox/portal/db}, Flyway history in {@code portal_schema_history}).
 * Every change runs in one transaction that reads the row {@code FOR UPDATE}, checks the owner and
 * the expected version, and only then writes: a refused call (another agency, a stale version)
 * changes nothing, and two editors starting from one version cannot both win.
 */
public final class PortalStore implements AutoCloseable {
    private static final String MIGRATIONS = "classpath:org/goldensdk/sandbox/portal/db";
    private static final String ARTICLE_COLUMNS = "id, agency_credit_code, agency_name, version, state, content_json,"
            + " index_number, published_on, withdrawal_reason";

    /** An attachment's content and how to serve it. */
    public record StoredAttachment(AttachmentInfo info, String articleId, byte[] content) {
    }

    private final HikariDataSource dataSource;
    private final JsonCodec json = JsonCodec.of();
    private final ReentrantLock publishLock = new ReentrantLock();

    private PortalStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the store: in memory when {@code directory} is null, else an H2 file database there. */
    public static PortalStore open(Path directory) {
        HikariDataSource dataSource = EmbeddedDatabase.open("portal", directory, MIGRATIONS, "portal_schema_history");
        return new PortalStore(dataSource);
    }

    // ---- articles

    /** Stores a new draft at version 1, or answers the draft created before under the same idempotency key. */
    public Article createArticle(Agency agency, String idempotencyKey, ArticleDraft content, Instant now) {
        return inTransaction(c -> {
            if (idempotencyKey != null) {
                Optional<String> existing = single(c, "SELECT id FROM portal_article WHERE agency_credit_code = ?"
                        + " AND idempotency_key = ?", rs -> rs.getString(1), agency.creditCode().value(), idempotencyKey);
                if (existing.isPresent()) {
                    return readArticle(c, existing.get(), false);
                }
            }
            String id = UUID.randomUUID().toString();
            update(c, "INSERT INTO portal_article (id, agency_credit_code, agency_name, idempotency_key, version, state,"
                    + " column_name, title, content_json, changed_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
                    id, agency.creditCode().value(), agency.fullName(), idempotencyKey, ArticleState.DRAFT.name(),
                    content.column().name(), content.title(), json(content), utc(now));
            return readArticle(c, id, false);
        });
    }

    /** Replaces the content of {@code caller}'s article at {@code expectedVersion}; version + 1. */
    public Article updateArticle(CreditCode caller, String id, long expectedVersion, ArticleDraft content, Instant now) {
        return inTransaction(c -> {
            Article article = owned(c, caller, id);
            requireVersion(article, expectedVersion);
            if (article.state() == ArticleState.WITHDRAWN) {
                throw new ConflictException("article " + id + " is withdrawn; publish a new article instead");
            }
            update(c, "UPDATE portal_article SET content_json = ?, column_name = ?, title = ?, version = version + 1,"
                    + " changed_at = ? WHERE id = ?", json(content), content.column().name(), content.title(), utc(now), id);
            return readArticle(c, id, false);
        });
    }

    /** Adds an attachment to {@code caller}'s article at {@code expectedVersion}; version + 1. A repeated key answers the article. */
    public Article addAttachment(CreditCode caller, String id, long expectedVersion, String idempotencyKey, String fileName,
            AttachmentType type, byte[] content, String sha256, Instant now) {
        return inTransaction(c -> {
            Article article = owned(c, caller, id);
            if (idempotencyKey != null && single(c, "SELECT id FROM portal_attachment WHERE article_id = ? AND idempotency_key = ?",
                    rs -> rs.getString(1), id, idempotencyKey).isPresent()) {
                return article;
            }
            requireVersion(article, expectedVersion);
            if (article.state() == ArticleState.WITHDRAWN) {
                throw new ConflictException("article " + id + " is withdrawn; attachments can no longer be added");
            }
            update(c, "INSERT INTO portal_attachment (id, article_id, idempotency_key, position, file_name, type, size, sha256,"
                    + " content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), id, idempotencyKey,
                    article.attachments().size(), fileName, type.name(), (long) content.length, sha256, content);
            update(c, "UPDATE portal_article SET version = version + 1, changed_at = ? WHERE id = ?", utc(now), id);
            return readArticle(c, id, false);
        });
    }

    /**
     * Publishes {@code caller}'s article at {@code version}: allocates its index number at the first
     * publication. Already published at that version: answers it unchanged.
     */
    public Article publish(CreditCode caller, String id, long version, LocalDate today, Instant now) {
        // one publication at a time: the first serial of an agency and year is an insert two
        // concurrent publications would both attempt
        publishLock.lock();
        try {
            return publishInTransaction(caller, id, version, today, now);
        } finally {
            publishLock.unlock();
        }
    }

    private Article publishInTransaction(CreditCode caller, String id, long version, LocalDate today, Instant now) {
        return inTransaction(c -> {
            Article article = owned(c, caller, id);
            requireVersion(article, version);
            switch (article.state()) {
                case PUBLISHED -> {
                    return article;
                }
                case WITHDRAWN -> throw new ConflictException("article " + id + " was withdrawn; publish a new article instead");
                default -> {
                    IndexNumber index = article.indexNumber() != null ? article.indexNumber()
                            : allocate(c, article.agency().organizationCode(), today.getYear());
                    update(c, "UPDATE portal_article SET state = ?, index_number = ?, published_on = ?, changed_at = ?"
                            + " WHERE id = ?", ArticleState.PUBLISHED.name(), index.value(), Date.valueOf(today), utc(now), id);
                    return readArticle(c, id, false);
                }
            }
        });
    }

    /** Withdraws {@code caller}'s published article; withdrawing again answers it unchanged. */
    public Article withdraw(CreditCode caller, String id, String reason, Instant now) {
        return inTransaction(c -> {
            Article article = owned(c, caller, id);
            switch (article.state()) {
                case WITHDRAWN -> {
                    return article;
                }
                case DRAFT -> throw new ConflictException("article " + id + " was never published; a draft is not public,"
                        + " so there is nothing to withdraw");
                default -> {
                    update(c, "UPDATE portal_article SET state = ?, withdrawal_reason = ?, changed_at = ? WHERE id = ?",
                            ArticleState.WITHDRAWN.name(), reason, utc(now), id);
                    return readArticle(c, id, false);
                }
            }
        });
    }

    /** Article {@code id}, if it exists. */
    public Optional<Article> article(String id) {
        return inTransaction(c -> exists(c, id) ? Optional.of(readArticle(c, id, false)) : Optional.empty());
    }

    /** The published articles matching {@code query}, newest first. */
    public Page<Article> articles(ArticleQuery query) {
        StringBuilder where = new StringBuilder(" WHERE state = 'PUBLISHED'");
        List<Object> parameters = new ArrayList<>();
        if (query.column() != null) {
            where.append(" AND column_name = ?");
            parameters.add(query.column().name());
        }
        if (query.agency() != null) {
            where.append(" AND agency_credit_code = ?");
            parameters.add(query.agency().value());
        }
        if (query.from() != null) {
            where.append(" AND published_on >= ?");
            parameters.add(Date.valueOf(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND published_on <= ?");
            parameters.add(Date.valueOf(query.to()));
        }
        if (query.text() != null) {
            where.append(" AND LOWER(title) LIKE ? ESCAPE '\\'");
            parameters.add("%" + query.text().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return inTransaction(c -> {
            long total = single(c, "SELECT COUNT(*) FROM portal_article" + where, rs -> rs.getLong(1), parameters.toArray())
                    .orElse(0L);
            List<Object> paged = new ArrayList<>(parameters);
            paged.add(query.size());
            paged.add((long) (query.page() - 1) * query.size());
            // newest first across agencies: index numbers order only within one agency, and a published
            // article changes no more after its publication (a withdrawal leaves the listing)
            List<String> ids = list(c, "SELECT id FROM portal_article" + where
                    + " ORDER BY published_on DESC, changed_at DESC, index_number DESC LIMIT ? OFFSET ?", rs -> rs.getString(1), paged.toArray());
            List<Article> items = new ArrayList<>();
            for (String id : ids) {
                items.add(readArticle(c, id, false));
            }
            return new Page<>(items, query.page(), query.size(), total);
        });
    }

    /** Attachment {@code attachmentId} with its content. */
    public Optional<StoredAttachment> attachment(String attachmentId) {
        return inTransaction(c -> single(c, "SELECT id, file_name, type, size, sha256, article_id, content FROM portal_attachment"
                + " WHERE id = ?", rs -> new StoredAttachment(attachmentInfo(rs), rs.getString(6), rs.getBytes(7)), attachmentId));
    }

    // ---- service guides

    /** Stores a new guide at version 1, or answers the one created before under the same idempotency key. */
    public ServiceGuide createGuide(Agency agency, String idempotencyKey, ServiceGuideDraft content, LocalDate today, Instant now) {
        return inTransaction(c -> {
            if (idempotencyKey != null) {
                Optional<String> existing = single(c, "SELECT id FROM portal_guide WHERE agency_credit_code = ?"
                        + " AND idempotency_key = ?", rs -> rs.getString(1), agency.creditCode().value(), idempotencyKey);
                if (existing.isPresent()) {
                    return readGuide(c, existing.get()).orElseThrow();
                }
            }
            String id = UUID.randomUUID().toString();
            update(c, "INSERT INTO portal_guide (id, agency_credit_code, agency_name, idempotency_key, version, title,"
                    + " content_json, published_on, changed_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)", id,
                    agency.creditCode().value(), agency.fullName(), idempotencyKey, content.title(), json(content),
                    Date.valueOf(today), utc(now));
            return readGuide(c, id).orElseThrow();
        });
    }

    /** Replaces {@code caller}'s guide at {@code expectedVersion}; version + 1. */
    public ServiceGuide updateGuide(CreditCode caller, String id, long expectedVersion, ServiceGuideDraft content,
            LocalDate today, Instant now) {
        return inTransaction(c -> {
            ServiceGuide guide = readGuide(c, id, true).orElseThrow(() -> new NotFoundException("no service guide " + id));
            if (!guide.agency().creditCode().equals(caller)) {
                throw new AccessDeniedException("service guide " + id + " belongs to another agency");
            }
            if (guide.version() != expectedVersion) {
                throw new ConflictException("service guide " + id + " is at version " + guide.version() + ", not "
                        + expectedVersion + "; read it again and reapply the change");
            }
            update(c, "UPDATE portal_guide SET content_json = ?, title = ?, version = version + 1, published_on = ?,"
                    + " changed_at = ? WHERE id = ?", json(content), content.title(), Date.valueOf(today), utc(now), id);
            return readGuide(c, id).orElseThrow();
        });
    }

    /** Guide {@code id}, if it exists. */
    public Optional<ServiceGuide> guide(String id) {
        return inTransaction(c -> readGuide(c, id));
    }

    /** Guides of {@code agency} (null: all), newest first, at most {@code limit}. */
    public List<ServiceGuide> guides(CreditCode agency, int limit) {
        return inTransaction(c -> {
            List<String> ids = agency == null
                    ? list(c, "SELECT id FROM portal_guide ORDER BY changed_at DESC LIMIT ?", rs -> rs.getString(1), limit)
                    : list(c, "SELECT id FROM portal_guide WHERE agency_credit_code = ? ORDER BY changed_at DESC LIMIT ?",
                            rs -> rs.getString(1), agency.value(), limit);
            List<ServiceGuide> guides = new ArrayList<>();
            for (String id : ids) {
                readGuide(c, id).ifPresent(guides::add);
            }
            return guides;
        });
    }

    // ---- mailbox

    /** Stores a citizen's letter to {@code agency}. */
    public Letter submitLetter(CreditCode agency, String subject, String body, String writerName, String writerContact,
            Instant now) {
        return inTransaction(c -> {
            String id = UUID.randomUUID().toString();
            update(c, "INSERT INTO portal_letter (id, agency_credit_code, subject, body, writer_name, writer_contact,"
                    + " submitted_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, agency.value(), subject, body, writerName,
                    writerContact, utc(now), LetterState.OPEN.name());
            return readLetter(c, id, false).orElseThrow();
        });
    }

    /** Letter {@code id}, if it exists. */
    public Optional<Letter> letter(String id) {
        return inTransaction(c -> readLetter(c, id, false));
    }

    /** The letters assigned to {@code agency} in {@code state} (null: all), oldest first. */
    public List<Letter> letters(CreditCode agency, LetterState state) {
        return inTransaction(c -> {
            List<String> ids = state == null
                    ? list(c, "SELECT id FROM portal_letter WHERE agency_credit_code = ? ORDER BY submitted_at, id",
                            rs -> rs.getString(1), agency.value())
                    : list(c, "SELECT id FROM portal_letter WHERE agency_credit_code = ? AND state = ? ORDER BY submitted_at, id",
                            rs -> rs.getString(1), agency.value(), state.name());
            List<Letter> letters = new ArrayList<>();
            for (String id : ids) {
                readLetter(c, id, false).ifPresent(letters::add);
            }
            return letters;
        });
    }

    /** The latest replied letters, newest reply first: the public page's list. */
    public List<Letter> repliedLetters(int limit) {
        return inTransaction(c -> {
            List<Letter> letters = new ArrayList<>();
            for (String id : list(c, "SELECT id FROM portal_letter WHERE state = 'REPLIED' ORDER BY replied_at DESC LIMIT ?",
                    rs -> rs.getString(1), limit)) {
                readLetter(c, id, false).ifPresent(letters::add);
            }
            return letters;
        });
    }

    /** Records {@code caller}'s reply; the same reply again answers the letter, another one is a conflict. */
    public Letter reply(CreditCode caller, String id, String reply, Instant now) {
        return inTransaction(c -> {
            Letter letter = readLetter(c, id, true).orElseThrow(() -> new NotFoundException("no letter " + id));
            if (!letter.agency().equals(caller.value())) {
                throw new AccessDeniedException("letter " + id + " is assigned to another agency");
            }
            if (letter.state() == LetterState.REPLIED) {
                if (letter.reply().equals(reply)) {
                    return letter;
                }
                throw new ConflictException("letter " + id + " has been answered already with another reply");
            }
            update(c, "UPDATE portal_letter SET state = ?, reply = ?, replied_at = ? WHERE id = ?", LetterState.REPLIED.name(),
                    reply, utc(now), id);
            return readLetter(c, id, false).orElseThrow();
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }

    // ---- rows

    private Article owned(Connection c, CreditCode caller, String id) throws SQLException {
        if (!exists(c, id)) {
            throw new NotFoundException("no article " + id);
        }
        Article article = readArticle(c, id, true);
        if (!article.agency().creditCode().equals(caller)) {
            throw new AccessDeniedException("article " + id + " belongs to another agency; only its own agency may change it");
        }
        return article;
    }

    private static void requireVersion(Article article, long expected) {
        if (article.version() != expected) {
            throw new ConflictException("article " + article.id() + " is at version " + article.version() + ", not " + expected
                    + "; someone changed it since you read it: read it again and reapply your change");
        }
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        return single(c, "SELECT 1 FROM portal_article WHERE id = ?", rs -> true, id).isPresent();
    }

    private IndexNumber allocate(Connection c, String organizationCode, int year) throws SQLException {
        Optional<Integer> last = single(c, "SELECT last_serial FROM portal_index_serial WHERE organization_code = ?"
                + " AND serial_year = ? FOR UPDATE", rs -> rs.getInt(1), organizationCode, year);
        int next = last.orElse(0) + 1;
        if (last.isPresent()) {
            update(c, "UPDATE portal_index_serial SET last_serial = ? WHERE organization_code = ? AND serial_year = ?",
                    next, organizationCode, year);
        } else {
            update(c, "INSERT INTO portal_index_serial (organization_code, serial_year, last_serial) VALUES (?, ?, ?)",
                    organizationCode, year, next);
        }
        return IndexNumber.of(organizationCode, year, next);
    }

    private Article readArticle(Connection c, String id, boolean forUpdate) throws SQLException {
        Article article = single(c, "SELECT " + ARTICLE_COLUMNS + " FROM portal_article WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
                rs -> new Article(rs.getString(1), rs.getLong(4), ArticleState.valueOf(rs.getString(5)),
                        rs.getString(7) == null ? null : IndexNumber.parse(rs.getString(7)),
                        Agency.of(rs.getString(3), rs.getString(2)),
                        json.read(rs.getString(6), ArticleDraft.class),
                        rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate(), rs.getString(9), List.of()), id)
                .orElseThrow(() -> new NotFoundException("no article " + id));
        List<AttachmentInfo> attachments = list(c, "SELECT id, file_name, type, size, sha256 FROM portal_attachment"
                + " WHERE article_id = ? ORDER BY position", PortalStore::attachmentInfo, id);
        return new Article(article.id(), article.version(), article.state(), article.indexNumber(), article.agency(),
                article.content(), article.publishedOn(), article.withdrawalReason(), attachments);
    }

    private static AttachmentInfo attachmentInfo(ResultSet rs) throws SQLException {
        return new AttachmentInfo(rs.getString(1), rs.getString(2), AttachmentType.valueOf(rs.getString(3)), rs.getLong(4),
                rs.getString(5));
    }

    private Optional<ServiceGuide> readGuide(Connection c, String id) throws SQLException {
        return readGuide(c, id, false);
    }

    private Optional<ServiceGuide> readGuide(Connection c, String id, boolean forUpdate) throws SQLException {
        return single(c, "SELECT id, version, agency_name, agency_credit_code, content_json, published_on FROM portal_guide"
                + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), rs -> new ServiceGuide(rs.getString(1), rs.getLong(2),
                Agency.of(rs.getString(3), rs.getString(4)), json.read(rs.getString(5), ServiceGuideDraft.class),
                rs.getDate(6).toLocalDate()), id);
    }

    private static Optional<Letter> readLetter(Connection c, String id, boolean forUpdate) throws SQLException {
        return single(c, "SELECT id, agency_credit_code, subject, body, writer_name, writer_contact, submitted_at, state,"
                + " reply, replied_at FROM portal_letter WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
                rs -> new Letter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(), LetterState.valueOf(rs.getString(8)),
                        rs.getString(9), rs.getObject(10, OffsetDateTime.class) == null ? null
                                : rs.getObject(10, OffsetDateTime.class).toInstant()), id);
    }

    private String json(Object value) {
        return new String(json.write(value), StandardCharsets.UTF_8);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // ---- JDBC

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static <T> Optional<T> single(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        List<T> rows = list(c, sql, row, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static <T> List<T> list(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.read(rs));
            }
            return rows;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("the sandbox portal's store failed: " + e.getMessage(), e);
        }
    }
}
