package org.goldensdk.sandbox.internal.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.Finding;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.ValidationException;
import org.goldensdk.cxf.TlsCaller;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.ArticleQuery;
import org.goldensdk.portal.Column;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.Page;
import org.goldensdk.portal.ServiceGuideDraft;

/**
 * The portal's publishing API ({@code docs/portal/openapi.yaml}), served under {@code /portal/v1}
 * over HTTPS with mutual TLS: every caller is the agency its client certificate names.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class PortalApiResource {
    private final PortalService portal;
    private final JsonCodec json = JsonCodec.of();

    /** The API over {@code portal}. */
    public PortalApiResource(PortalService portal) {
        this.portal = portal;
    }

    /** {@code POST /articles}: a new draft (201), or the one created before under the same idempotency key (200). */
    @POST
    @Path("articles")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @HeaderParam(HttpRequest.IDEMPOTENCY_KEY_HEADER) String key,
            @Context HttpServletRequest request) {
        Agency caller = caller(request);
        return json(201, portal.create(caller, key, read(body, ArticleDraft.class)));
    }

    /** {@code GET /articles}: published articles by column, agency, date range and title words. */
    @GET
    @Path("articles")
    public Response list(@QueryParam("column") String column, @QueryParam("agency") String agency,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String text,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @Context HttpServletRequest request) {
        caller(request);
        Page<?> result = portal.articles(query(column, agency, from, to, text, page, size));
        return json(200, result);
    }

    /** {@code GET /articles/{id}}. */
    @GET
    @Path("articles/{id}")
    public Response get(@PathParam("id") String id, @Context HttpServletRequest request) {
        return json(200, portal.article(caller(request), id));
    }

    /** {@code PUT /articles/{id}?expectedVersion=}. */
    @PUT
    @Path("articles/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, @QueryParam("expectedVersion") Long expectedVersion, InputStream body,
            @Context HttpServletRequest request) {
        Agency caller = caller(request);
        return json(200, portal.update(caller, id, required(expectedVersion, "expectedVersion"), read(body, ArticleDraft.class)));
    }

    /** {@code POST /articles/{id}/attachments?expectedVersion=&fileName=}: the file as the body. */
    @POST
    @Path("articles/{id}/attachments")
    @Consumes(MediaType.WILDCARD)
    public Response attach(@PathParam("id") String id, @QueryParam("expectedVersion") Long expectedVersion,
            @QueryParam("fileName") String fileName, @HeaderParam(HttpRequest.IDEMPOTENCY_KEY_HEADER) String key,
            InputStream body, @Context HttpServletRequest request) {
        Agency caller = caller(request);
        long version = required(expectedVersion, "expectedVersion");
        byte[] content;
        try {
            content = body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the attachment failed", e);
        }
        return json(201, portal.attach(caller, id, version, key, fileName, content));
    }

    /** {@code POST /articles/{id}/publish?version=}. */
    @POST
    @Path("articles/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("id") String id, @QueryParam("version") Long version, @Context HttpServletRequest request) {
        Agency caller = caller(request);
        return json(200, portal.publish(caller, id, required(version, "version")));
    }

    /** {@code POST /articles/{id}/withdraw} with {@code {"reason": …}}. */
    @POST
    @Path("articles/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response withdraw(@PathParam("id") String id, InputStream body, @Context HttpServletRequest request) {
        Agency caller = caller(request);
        Map<?, ?> withdrawal = read(body, Map.class);
        Object reason = withdrawal.get("reason");
        return json(200, portal.withdraw(caller, id, reason instanceof String text ? text : null));
    }

    /** {@code POST /guides}. */
    @POST
    @Path("guides")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createGuide(InputStream body, @HeaderParam(HttpRequest.IDEMPOTENCY_KEY_HEADER) String key,
            @Context HttpServletRequest request) {
        Agency caller = caller(request);
        return json(201, portal.createGuide(caller, key, read(body, ServiceGuideDraft.class)));
    }

    /** {@code GET /guides?agency=}. */
    @GET
    @Path("guides")
    public Response guides(@QueryParam("agency") String agency, @Context HttpServletRequest request) {
        caller(request);
        return json(200, Map.of("items", portal.guides(agency == null ? null : CreditCode.parse(agency))));
    }

    /** {@code GET /guides/{id}}. */
    @GET
    @Path("guides/{id}")
    public Response guide(@PathParam("id") String id, @Context HttpServletRequest request) {
        caller(request);
        return json(200, portal.guide(id));
    }

    /** {@code PUT /guides/{id}?expectedVersion=}. */
    @PUT
    @Path("guides/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateGuide(@PathParam("id") String id, @QueryParam("expectedVersion") Long expectedVersion,
            InputStream body, @Context HttpServletRequest request) {
        Agency caller = caller(request);
        return json(200, portal.updateGuide(caller, id, required(expectedVersion, "expectedVersion"),
                read(body, ServiceGuideDraft.class)));
    }

    /** {@code GET /mailbox/letters?state=}: the caller's letters. */
    @GET
    @Path("mailbox/letters")
    public Response letters(@QueryParam("state") String state, @Context HttpServletRequest request) {
        Agency caller = caller(request);
        LetterState wanted;
        try {
            wanted = state == null || state.isEmpty() ? null : LetterState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("state", "query.state", "state is OPEN or REPLIED");
        }
        return json(200, Map.of("items", portal.letters(caller, wanted)));
    }

    /** {@code GET /mailbox/letters/{id}}. */
    @GET
    @Path("mailbox/letters/{id}")
    public Response letter(@PathParam("id") String id, @Context HttpServletRequest request) {
        return json(200, portal.letter(caller(request), id));
    }

    /** {@code POST /mailbox/letters/{id}/reply} with {@code {"reply": …}}. */
    @POST
    @Path("mailbox/letters/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("id") String id, InputStream body, @Context HttpServletRequest request) {
        Agency caller = caller(request);
        Object reply = read(body, Map.class).get("reply");
        return json(200, portal.reply(caller, id, reply instanceof String text ? text : null));
    }

    private static Agency caller(HttpServletRequest request) {
        return PortalService.agencyOf(TlsCaller.require(request).certificate());
    }

    private <T> T read(InputStream body, Class<T> type) {
        return json.read(body, type);
    }

    private Response json(int status, Object value) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json.write(value)).build();
    }

    private static long required(Long value, String name) {
        if (value == null || value < 1) {
            throw new ValidationException(name, "query." + name, name + " (the version the change starts from, from 1) is required");
        }
        return value;
    }

    /** The query of the listing parameters; every malformed one is reported. */
    static ArticleQuery query(String column, String agency, String from, String to, String text, Integer page, Integer size) {
        try {
            return ArticleQuery.builder()
                    .column(column == null || column.isEmpty() ? null : Column.valueOf(column))
                    .agency(agency == null || agency.isEmpty() ? null : CreditCode.parse(agency))
                    .publishedBetween(date(from), date(to))
                    .text(text)
                    .page(page == null ? 1 : page, size == null ? 20 : size)
                    .build();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ValidationException(List.of(new Finding("query", "query.parameters",
                    "column is one of " + List.of(Column.values()) + ", dates are yyyy-mm-dd")));
        }
    }

    private static LocalDate date(String value) {
        return value == null || value.isEmpty() ? null : LocalDate.parse(value);
    }
}
