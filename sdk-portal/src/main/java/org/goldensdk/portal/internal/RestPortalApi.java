package org.goldensdk.portal.internal;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
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
 * The publishing API over REST (docs/portal/openapi.yaml) on one core {@link HttpTransport}: JSON in
 * and out, problem+json errors as typed exceptions, the transport's retries.
 */
public final class RestPortalApi implements PortalApi {
    private static final String JSON = "application/json";

    /** A page of articles as the API writes it. */
    private record ArticlePage(List<Article> items, int page, int size, long total) {
    }

    /** A list of service guides as the API writes it. */
    private record GuideList(List<ServiceGuide> items) {
    }

    /** A list of letters as the API writes it. */
    private record LetterList(List<Letter> items) {
    }

    /** The body of a withdrawal. */
    private record Withdrawal(String reason) {
    }

    /** The body of a reply. */
    private record Reply(String reply) {
    }

    private final HttpTransport transport;
    private final JsonCodec json = JsonCodec.of();

    /** Requests over {@code transport}, which this object closes. */
    public RestPortalApi(HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public Article createArticle(ArticleDraft draft) {
        return send("POST", "articles", draft, Article.class, true);
    }

    @Override
    public Article updateArticle(String id, long expectedVersion, ArticleDraft draft) {
        return send("PUT", withQuery("articles/" + segment(id), Map.of("expectedVersion", expectedVersion)), draft,
                Article.class, false);
    }

    @Override
    public Article addAttachment(String id, long expectedVersion, String fileName, AttachmentType type, byte[] content,
            ProgressListener progress) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("expectedVersion", expectedVersion);
        query.put("fileName", fileName);
        HttpBody body = HttpBody.stream(() -> new CountingInputStream(new ByteArrayInputStream(content), content.length,
                progress), type.mediaType(), content.length);
        // the portal treats a repeat of the same upload (same key) as a no-op, so the transport may retry it
        return call(HttpRequest.builder("POST", withQuery("articles/" + segment(id) + "/attachments", query)).body(body)
                .header(HttpRequest.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString()).build(), Article.class);
    }

    @Override
    public Article publishArticle(String id, long version) {
        return send("POST", withQuery("articles/" + segment(id) + "/publish", Map.of("version", version)), Map.of(),
                Article.class, false);
    }

    @Override
    public Article withdrawArticle(String id, String reason) {
        return send("POST", "articles/" + segment(id) + "/withdraw", new Withdrawal(reason), Article.class, false);
    }

    @Override
    public Article article(String id) {
        return get("articles/" + segment(id), Article.class);
    }

    @Override
    public Page<Article> articles(ArticleQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("column", query.column());
        parameters.put("agency", query.agency());
        parameters.put("from", query.from());
        parameters.put("to", query.to());
        parameters.put("q", query.text());
        parameters.put("page", query.page());
        parameters.put("size", query.size());
        ArticlePage page = get(withQuery("articles", parameters), ArticlePage.class);
        return new Page<>(page.items(), page.page(), page.size(), page.total());
    }

    @Override
    public ServiceGuide createGuide(ServiceGuideDraft guide) {
        return send("POST", "guides", guide, ServiceGuide.class, true);
    }

    @Override
    public ServiceGuide updateGuide(String id, long expectedVersion, ServiceGuideDraft guide) {
        return send("PUT", withQuery("guides/" + segment(id), Map.of("expectedVersion", expectedVersion)), guide,
                ServiceGuide.class, false);
    }

    @Override
    public ServiceGuide guide(String id) {
        return get("guides/" + segment(id), ServiceGuide.class);
    }

    @Override
    public List<ServiceGuide> guides(CreditCode agency) {
        Map<String, Object> query = new HashMap<>();
        query.put("agency", agency);
        return get(withQuery("guides", query), GuideList.class).items();
    }

    @Override
    public List<Letter> letters(LetterState state) {
        Map<String, Object> query = new HashMap<>();
        query.put("state", state);
        return get(withQuery("mailbox/letters", query), LetterList.class).items();
    }

    @Override
    public Letter letter(String id) {
        return get("mailbox/letters/" + segment(id), Letter.class);
    }

    @Override
    public Letter reply(String id, String reply) {
        return send("POST", "mailbox/letters/" + segment(id) + "/reply", new Reply(reply), Letter.class, false);
    }

    private <T> T get(String path, Class<T> type) {
        return call(HttpRequest.get(path), type);
    }

    /** Sends {@code body} as JSON with {@code method}; {@code once} marks a create: an idempotency key makes retries safe. */
    private <T> T send(String method, String path, Object body, Class<T> type, boolean once) {
        HttpRequest.Builder request = HttpRequest.builder(method, path).body(HttpBody.of(json.write(body), JSON));
        if (once) {
            request.header(HttpRequest.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString());
        } else {
            request.idempotent(true);
        }
        return call(request.build(), type);
    }

    private <T> T call(HttpRequest request, Class<T> type) {
        try (HttpResponse response = transport.execute(request)) {
            return json.read(response.bodyBytes(), type);
        }
    }

    /** {@code path} with the non-null query parameters, URL-encoded in UTF-8. */
    private static String withQuery(String path, Map<String, Object> parameters) {
        Map<String, Object> present = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        if (present.isEmpty()) {
            return path;
        }
        return path + "?" + present.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** One path segment, URL-encoded. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        transport.close();
    }
}
