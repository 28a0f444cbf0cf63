package org.goldensdk.portal.internal;

import java.util.List;
import org.goldensdk.core.CreditCode;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.ArticleQuery;
import org.goldensdk.portal.AttachmentType;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.Page;
import org.goldensdk.portal.ProgressListener;
import org.goldensdk.portal.ServiceGuide;
import org.goldensdk.portal.ServiceGuideDraft;

/**
 * The portal's publishing API as one agency calls it, over one wire: REST ({@link RestPortalApi},
 * docs/portal/openapi.yaml) or SOAP (docs/portal/portal-service.wsdl). Content arrives here already
 * reviewed by the client's compliance gate. Either wire retries what is safe to retry (creations
 * carry an idempotency key kept across the retries) and reports the portal's refusals as the same
 * typed exceptions. Implementations are thread-safe.
 */
public interface PortalApi extends AutoCloseable {

    /** Creates a draft. */
    Article createArticle(ArticleDraft draft);

    /** Replaces article {@code id} at {@code expectedVersion}. */
    Article updateArticle(String id, long expectedVersion, ArticleDraft draft);

    /** Uploads {@code content} (of type {@code type}) as attachment {@code fileName}, reporting to {@code progress}. */
    Article addAttachment(String id, long expectedVersion, String fileName, AttachmentType type, byte[] content,
            ProgressListener progress);

    /** Publishes article {@code id} at {@code version}. */
    Article publishArticle(String id, long version);

    /** Withdraws article {@code id}. */
    Article withdrawArticle(String id, String reason);

    /** Article {@code id}. */
    Article article(String id);

    /** A page of published articles. */
    Page<Article> articles(ArticleQuery query);

    /** Publishes a new guide. */
    ServiceGuide createGuide(ServiceGuideDraft guide);

    /** Replaces guide {@code id} at {@code expectedVersion}. */
    ServiceGuide updateGuide(String id, long expectedVersion, ServiceGuideDraft guide);

    /** Guide {@code id}. */
    ServiceGuide guide(String id);

    /** The guides of {@code agency} (null: all). */
    List<ServiceGuide> guides(CreditCode agency);

    /** The caller's letters in {@code state} (null: all). */
    List<Letter> letters(LetterState state);

    /** Letter {@code id}. */
    Letter letter(String id);

    /** Replies to letter {@code id}. */
    Letter reply(String id, String reply);

    /** Releases connections; idempotent. */
    @Override
    void close();
}
