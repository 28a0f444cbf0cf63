package org.goldensdk.sandbox.internal.portal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleQuery;
import org.goldensdk.portal.Column;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.Page;

/**
 * The portal's public pages for a person's browser, on plain HTTP: home, columns, articles with
 * their disclosure metadata, attachments, service guides, the mailbox form and letters, search,
 * and the stylesheet. Everything is UTF-8 HTML rendered by {@link PortalHtml}.
 */
@Path("/")
public final class PortalPages {
    private static final String HTML = "text/html; charset=UTF-8";
    private static final int PAGE_SIZE = 20;
    private static final int HOME_ITEMS = 6;

    private final PortalService portal;
    private final PortalHtml html;
    private final byte[] stylesheet;

    /** The pages over {@code portal}. */
    public PortalPages(PortalService portal, PortalHtml html) {
        this.portal = portal;
        this.html = html;
        try (InputStream css = PortalPages.class.getResourceAsStream("/org/goldensdk/sandbox/portal/style.css")) {
            this.stylesheet = css.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the portal's stylesheet is missing from the sandbox's jar", e);
        }
    }

    /** The home page. */
    @GET
    @Produces(HTML)
    public Response home() {
        Map<Column, List<Article>> latest = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            latest.put(column, portal.articles(ArticleQuery.builder().column(column).page(1, HOME_ITEMS).build()).items());
        }
        List<Column> columns = List.of(Column.values());
        return ok(html.home(columns, latest, portal.guides(null), portal.repliedLetters()));
    }

    /** The stylesheet. */
    @GET
    @Path("style.css")
    @Produces("text/css; charset=UTF-8")
    public Response style() {
        return Response.ok(stylesheet, "text/css; charset=UTF-8").build();
    }

    /** One column, paginated. */
    @GET
    @Path("columns/{column}")
    @Produces(HTML)
    public Response column(@PathParam("column") String name, @QueryParam("page") Integer page) {
        Column column;
        try {
            column = Column.valueOf(name);
        } catch (IllegalArgumentException e) {
            return notFound("没有这个栏目。");
        }
        int number = page == null || page < 1 ? 1 : page;
        Page<Article> articles = portal.articles(ArticleQuery.builder().column(column).page(number, PAGE_SIZE).build());
        String base = PortalHtml.ROOT + "columns/" + column.name() + "?page=";
        return ok(html.articleList(column.label(), articles.items(), number > 1 ? base + (number - 1) : null,
                articles.hasNext() ? base + (number + 1) : null));
    }

    /** Search in titles. */
    @GET
    @Path("search")
    @Produces(HTML)
    public Response search(@QueryParam("q") String text, @QueryParam("page") Integer page) {
        String words = text == null ? "" : text.strip();
        int number = page == null || page < 1 ? 1 : page;
        Page<Article> articles = portal.articles(ArticleQuery.builder().text(words).page(number, PAGE_SIZE).build());
        String base = PortalHtml.ROOT + "search?q=" + PortalHtml.query(words) + "&page=";
        return ok(html.articleList("搜索：" + words + "（" + articles.total() + " 条）", articles.items(),
                number > 1 ? base + (number - 1) : null, articles.hasNext() ? base + (number + 1) : null));
    }

    /** An article's page. */
    @GET
    @Path("articles/{id}")
    @Produces(HTML)
    public Response article(@PathParam("id") String id) {
        return page(() -> html.article(portal.publicArticle(id)), "该信息不存在或尚未发布。");
    }

    /** An attachment of a published article, as a download. */
    @GET
    @Path("attachments/{id}")
    public Response attachment(@PathParam("id") String id) {
        try {
            PortalStore.StoredAttachment attachment = portal.publicAttachment(id);
            return Response.ok(attachment.content(), attachment.info().type().mediaType())
                    .header("Content-Disposition", "attachment; filename*=UTF-8''" + PortalHtml.query(attachment.info().fileName())
                            .replace("+", "%20"))
                    .header("X-Content-Type-Options", "nosniff").build();
        } catch (NotFoundException e) {
            return notFound("该附件不存在。");
        }
    }

    /** The list of service guides. */
    @GET
    @Path("guides")
    @Produces(HTML)
    public Response guides() {
        return ok(html.guideList(portal.guides(null), portal.articles(ArticleQuery.builder().column(Column.SERVICE_GUIDES)
                .page(1, PAGE_SIZE).build()).items()));
    }

    /** A service guide's page. */
    @GET
    @Path("guides/{id}")
    @Produces(HTML)
    public Response guide(@PathParam("id") String id) {
        return page(() -> html.guide(portal.guide(id)), "该办事指南不存在。");
    }

    /** The mailbox form and the answered letters. */
    @GET
    @Path("mailbox")
    @Produces(HTML)
    public Response mailbox() {
        return ok(html.mailbox(portal.agencies(), portal.repliedLetters(), List.of(), Map.of()));
    }

    /** A citizen submits a letter: on success, to the letter's page (303); otherwise the form again with what to fix. */
    @POST
    @Path("mailbox")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    public Response submit(@FormParam("agency") String agency, @FormParam("subject") String subject,
            @FormParam("body") String body, @FormParam("name") String name, @FormParam("contact") String contact,
            @Context UriInfo uri) {
        try {
            Letter letter = portal.submitLetter(agency, subject, body, name, contact);
            return Response.seeOther(uri.getBaseUriBuilder().path("mailbox/letters/{id}").build(letter.id())).build();
        } catch (ValidationException e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("agency", agency == null ? "" : agency);
            values.put("subject", subject == null ? "" : subject);
            values.put("body", body == null ? "" : body);
            values.put("name", name == null ? "" : name);
            values.put("contact", contact == null ? "" : contact);
            return Response.status(400).type(HTML).entity(bytes(html.mailbox(portal.agencies(), portal.repliedLetters(),
                    e.findings(), values))).build();
        }
    }

    /** A letter's public page. */
    @GET
    @Path("mailbox/letters/{id}")
    @Produces(HTML)
    public Response letter(@PathParam("id") String id) {
        return page(() -> {
            Letter letter = portal.publicLetter(id);
            String agencyName = portal.agencies().stream().filter(agency -> agency.creditCode().value().equals(letter.agency()))
                    .map(Agency::fullName).findFirst().orElse(letter.agency());
            return html.letter(letter, agencyName);
        }, "该来信不存在。");
    }

    private Response page(Supplier<String> render, String notFound) {
        try {
            return ok(render.get());
        } catch (NotFoundException e) {
            return notFound(notFound);
        }
    }

    private Response ok(String page) {
        return Response.ok(bytes(page), HTML).build();
    }

    private Response notFound(String what) {
        return Response.status(404).type(HTML).entity(bytes(html.notFound(what))).build();
    }

    private static byte[] bytes(String page) {
        return page.getBytes(StandardCharsets.UTF_8);
    }
}
