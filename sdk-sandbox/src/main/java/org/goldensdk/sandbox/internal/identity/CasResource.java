package org.goldensdk.sandbox.internal.identity;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.goldensdk.core.JsonCodec;

/**
 * A CAS 3.0 server on the provider's sessions: {@code login} (form, or straight through with an
 * SSO session) issues single-use service tickets {@code ST-…} for registered services,
 * {@code p3/serviceValidate} answers XML or ({@code format=JSON}) JSON with the government claims
 * as attributes, {@code logout} ends the session with single logout to every service.
 */
@Path("/")
public final class CasResource {
    static final Duration TICKET_LIFETIME = Duration.ofSeconds(60);
    private static final String CAS_NAMESPACE = "http://www.yale.edu/tp/cas";
    private static final JsonCodec JSON = JsonCodec.of();

    private record ServiceTicket(String service, SsoSession session, boolean fromNewLogin) {
    }

    private record PendingLogin(String service, boolean renew) {
    }

    private final IdentityProvider provider;
    private final Clock clock;
    private final ExpiringMap<ServiceTicket> tickets;
    private final ExpiringMap<PendingLogin> pendingLogins;

    CasResource(IdentityProvider provider) {
        this.provider = provider;
        this.clock = provider.clock();
        this.tickets = new ExpiringMap<>(clock);
        this.pendingLogins = new ExpiringMap<>(clock);
    }

    /** The CAS login page, or a redirection to the service with a ticket when the user has a session. */
    @GET
    @Path("login")
    public Response login(@QueryParam("service") String service, @QueryParam("renew") String renew,
            @QueryParam("gateway") String gateway, @CookieParam(Sessions.COOKIE) String cookie) {
        if (service != null && !provider.isCasService(service)) {
            return Pages.message(400, "服务未注册", "the service is not registered with this CAS server");
        }
        boolean forceLogin = "true".equals(renew);
        Optional<SsoSession> session = provider.sessions().byCookie(cookie);
        if (session.isPresent() && !forceLogin) {
            return service == null ? Pages.message(200, "已登录", "您已登录 (you are logged in).")
                    : ticketRedirect(service, session.get(), false, null);
        }
        if (service != null && "true".equals(gateway) && !forceLogin) {
            return Response.status(303).location(java.net.URI.create(service)).build();
        }
        String execution = Randoms.token();
        pendingLogins.put(execution, new PendingLogin(service, forceLogin), clock.instant().plus(OidcResource.LOGIN_PAGE_LIFETIME));
        return Pages.login(provider.casPath() + "/login", Map.of("execution", execution), service == null ? "CAS" : service, null);
    }

    /** The login form's target. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response loginForm(MultivaluedMap<String, String> form) {
        String execution = form.getFirst("execution");
        Optional<PendingLogin> pending = execution == null ? Optional.empty() : pendingLogins.get(execution);
        if (pending.isEmpty()) {
            return Pages.message(400, "登录页已过期", "this login page has expired or was already used; start again from the application");
        }
        Optional<SsoSession> session = provider.sessions().login(form.getFirst("username"), form.getFirst("password"));
        if (session.isEmpty()) {
            return Pages.login(provider.casPath() + "/login", Map.of("execution", execution),
                    pending.get().service() == null ? "CAS" : pending.get().service(), "用户名或密码错误 (wrong user name or password)");
        }
        pendingLogins.remove(execution);
        if (pending.get().service() == null) {
            return Response.fromResponse(Pages.message(200, "已登录", "您已登录 (you are logged in)."))
                    .header("Set-Cookie", Sessions.cookie(session.get())).build();
        }
        return ticketRedirect(pending.get().service(), session.get(), true, Sessions.cookie(session.get()));
    }

    /** CAS 3.0 service ticket validation (proxy tickets are not issued, so both paths validate service tickets). */
    @GET
    @Path("p3/{kind:serviceValidate|proxyValidate}")
    public Response serviceValidate(@QueryParam("service") String service, @QueryParam("ticket") String ticket,
            @QueryParam("renew") String renew, @QueryParam("format") String format) {
        boolean json = "JSON".equalsIgnoreCase(format);
        if (service == null || ticket == null) {
            return failure(json, "INVALID_REQUEST", "service and ticket are required");
        }
        Optional<ServiceTicket> issued = tickets.take(ticket);
        if (issued.isEmpty()) {
            return failure(json, "INVALID_TICKET", "ticket " + ticket + " not recognized (unknown, expired or already used)");
        }
        if (!issued.get().service().equals(service)) {
            return failure(json, "INVALID_SERVICE", "ticket " + ticket + " was issued for another service");
        }
        if ("true".equals(renew) && !issued.get().fromNewLogin()) {
            return failure(json, "INVALID_TICKET", "renew was requested but the ticket came from single sign-on");
        }
        if (!provider.sessions().isActive(issued.get().session())) {
            return failure(json, "INVALID_TICKET", "the user's session has ended");
        }
        return success(json, issued.get());
    }

    /** Ends the SSO session (single logout to every service of it) and goes to {@code service} if it is registered. */
    @GET
    @Path("logout")
    public Response logout(@QueryParam("service") String service, @CookieParam(Sessions.COOKIE) String cookie) {
        provider.sessions().byCookie(cookie).ifPresent(provider.sessions()::end);
        Response.ResponseBuilder answer = service != null && provider.isCasService(service)
                ? Response.status(303).location(java.net.URI.create(service))
                : Response.fromResponse(Pages.message(200, "已退出", "您已安全退出 (you are logged out)."));
        return answer.header("Set-Cookie", Sessions.expiredCookie()).build();
    }

    private Response ticketRedirect(String service, SsoSession session, boolean fromNewLogin, String setCookie) {
        String ticket = "ST-" + Randoms.token();
        tickets.put(ticket, new ServiceTicket(service, session, fromNewLogin), clock.instant().plus(TICKET_LIFETIME));
        session.casTickets.put(ticket, service);
        Response.ResponseBuilder answer = Response.status(303).location(Forms.withQuery(service, Map.of("ticket", ticket)))
                .header("Cache-Control", "no-store");
        if (setCookie != null) {
            answer.header("Set-Cookie", setCookie);
        }
        return answer.build();
    }

    private Map<String, List<String>> attributes(ServiceTicket ticket) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        SsoSession session = ticket.session();
        attributes.put("authenticationDate", List.of(DateTimeFormatter.ISO_INSTANT.format(session.authTime)));
        attributes.put("isFromNewLogin", List.of(Boolean.toString(ticket.fromNewLogin())));
        attributes.put("longTermAuthenticationRequestTokenUsed", List.of("false"));
        GovClaims.of(session.user).forEach((name, value) -> attributes.put(name,
                value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value))));
        attributes.put("acr", List.of(session.acr));
        attributes.put("auth_time", List.of(Long.toString(session.authTime.getEpochSecond())));
        return attributes;
    }

    private Response success(boolean json, ServiceTicket ticket) {
        Map<String, List<String>> attributes = attributes(ticket);
        String user = ticket.session().user.subject();
        if (json) {
            Map<String, Object> success = new LinkedHashMap<>();
            success.put("user", user);
            success.put("attributes", attributes);
            return answer(true, JSON.write(Map.of("serviceResponse", Map.of("authenticationSuccess", success))));
        }
        return answer(false, xml(writer -> {
            writer.writeStartElement("cas", "authenticationSuccess", CAS_NAMESPACE);
            element(writer, "user", user);
            writer.writeStartElement("cas", "attributes", CAS_NAMESPACE);
            for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
                for (String value : attribute.getValue()) {
                    element(writer, attribute.getKey(), value);
                }
            }
            writer.writeEndElement();
            writer.writeEndElement();
        }));
    }

    private Response failure(boolean json, String code, String description) {
        if (json) {
            return answer(true, JSON.write(Map.of("serviceResponse",
                    Map.of("authenticationFailure", Map.of("code", code, "description", description)))));
        }
        return answer(false, xml(writer -> {
            writer.writeStartElement("cas", "authenticationFailure", CAS_NAMESPACE);
            writer.writeAttribute("code", code);
            writer.writeCharacters(description);
            writer.writeEndElement();
        }));
    }

    private static Response answer(boolean json, Object body) {
        return Response.ok(body, json ? "application/json" : "application/xml; charset=UTF-8").header("Cache-Control", "no-store")
                .build();
    }

    private interface XmlBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static String xml(XmlBody body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            writer.writeStartElement("cas", "serviceResponse", CAS_NAMESPACE);
            writer.writeNamespace("cas", CAS_NAMESPACE);
            body.write(writer);
            writer.writeEndElement();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a CAS answer", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement("cas", name, CAS_NAMESPACE);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }
}
