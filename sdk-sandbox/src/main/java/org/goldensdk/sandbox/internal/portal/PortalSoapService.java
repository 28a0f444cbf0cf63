package org.goldensdk.sandbox.internal.portal;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.cxf.SoapApi;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.cxf.TlsCaller;
import org.goldensdk.identity.TokenValidator;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.PortalSoapMessages;
import org.goldensdk.portal.soap.AddAttachment;
import org.goldensdk.portal.soap.AddAttachmentResponse;
import org.goldensdk.portal.soap.CreateArticle;
import org.goldensdk.portal.soap.CreateArticleResponse;
import org.goldensdk.portal.soap.CreateGuide;
import org.goldensdk.portal.soap.CreateGuideResponse;
import org.goldensdk.portal.soap.GetArticle;
import org.goldensdk.portal.soap.GetArticleResponse;
import org.goldensdk.portal.soap.GetGuide;
import org.goldensdk.portal.soap.GetGuideResponse;
import org.goldensdk.portal.soap.GetLetter;
import org.goldensdk.portal.soap.GetLetterResponse;
import org.goldensdk.portal.soap.ListArticles;
import org.goldensdk.portal.soap.ListArticlesResponse;
import org.goldensdk.portal.soap.ListGuides;
import org.goldensdk.portal.soap.ListGuidesResponse;
import org.goldensdk.portal.soap.ListLetters;
import org.goldensdk.portal.soap.ListLettersResponse;
import org.goldensdk.portal.soap.PortalPortType;
import org.goldensdk.portal.soap.PublishArticle;
import org.goldensdk.portal.soap.PublishArticleResponse;
import org.goldensdk.portal.soap.ReplyToLetter;
import org.goldensdk.portal.soap.ReplyToLetterResponse;
import org.goldensdk.portal.soap.UpdateArticle;
import org.goldensdk.portal.soap.UpdateArticleResponse;
import org.goldensdk.portal.soap.UpdateGuide;
import org.goldensdk.portal.soap.UpdateGuideResponse;
import org.goldensdk.portal.soap.WithdrawArticle;
import org.goldensdk.portal.soap.WithdrawArticleResponse;
import org.goldensdk.sandbox.internal.AppTokenFilter;

/**
 * The portal's SOAP publishing service ({@code docs/portal/portal-service.wsdl}) beside the REST API
 * on the same mutual-TLS port: each operation is the REST operation of the same name, carried out by
 * the one {@link PortalService} (same authorisation, same compliance gate on receipt). The caller is
 * the agency of the TLS client certificate, which WS-Security requires to be the signer as well; an
 * app token in the HTTP Authorization header is checked as on REST. Thread-safe.
 */
@WebService(endpointInterface = "org.goldensdk.portal.soap.PortalPortType", serviceName = "PortalService",
        portName = "PortalSoap11Port", targetNamespace = PortalSoapService.NAMESPACE)
public final class PortalSoapService implements PortalPortType {
    static final String NAMESPACE = "urn:goldensdk:portal:service:1";
    /** The SOAP 1.1 port's path. */
    public static final String SOAP11_PATH = "/portal/soap/v1";
    /** The SOAP 1.2 port's path. */
    public static final String SOAP12_PATH = "/portal/soap12/v1";

    private final PortalService portal;
    private final Supplier<TokenValidator> tokens;

    @Resource
    private WebServiceContext context;

    private PortalSoapService(PortalService portal, Supplier<TokenValidator> tokens) {
        this.portal = portal;
        this.tokens = tokens;
    }

    /**
     * The SOAP 1.1 and 1.2 APIs serving {@code portal}: contract from the WSDL, WS-Security checked on
     * {@code scheduler}, request bodies (attachments included) up to {@code maxRequestBytes}, app
     * tokens validated by {@code tokens}' validator.
     */
    static List<SoapApi> apis(PortalService portal, long maxRequestBytes, TrustAnchors anchors, Scheduler scheduler,
            Supplier<TokenValidator> tokens) {
        SoapSecurity security = SoapSecurity.verifyWith(anchors, scheduler);
        QName service = org.goldensdk.portal.soap.PortalService.SERVICE;
        return List.of(org.goldensdk.portal.soap.PortalService.PortalSoap11Port,
                org.goldensdk.portal.soap.PortalService.PortalSoap12Port).stream()
                .map(port -> SoapApi.of(new PortalSoapService(portal, tokens))
                        .contract(org.goldensdk.portal.soap.PortalService.WSDL_LOCATION, service, port)
                        .security(security).withMaxRequestBytes(maxRequestBytes))
                .toList();
    }

    @Override
    public CreateArticleResponse createArticle(CreateArticle parameters) {
        Agency caller = caller();
        CreateArticleResponse response = new CreateArticleResponse();
        response.setArticle(PortalSoapMessages.toSoap(portal.create(caller, parameters.getIdempotencyKey(),
                PortalSoapMessages.fromSoap(parameters.getDraft()))));
        return response;
    }

    @Override
    public UpdateArticleResponse updateArticle(UpdateArticle parameters) {
        Agency caller = caller();
        UpdateArticleResponse response = new UpdateArticleResponse();
        response.setArticle(PortalSoapMessages.toSoap(portal.update(caller, parameters.getArticleId(),
                parameters.getExpectedVersion(), PortalSoapMessages.fromSoap(parameters.getDraft()))));
        return response;
    }

    @Override
    public AddAttachmentResponse addAttachment(AddAttachment parameters) {
        Agency caller = caller();
        if (parameters.getContent() == null) {
            throw new MalformedInputException("AddAttachment needs its Content", null);
        }
        // the whole request, MTOM part included, is bounded by the API's body limit
        byte[] content;
        try (InputStream in = parameters.getContent().getInputStream()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the attachment failed", e);
        }
        AddAttachmentResponse response = new AddAttachmentResponse();
        response.setArticle(PortalSoapMessages.toSoap(portal.attach(caller, parameters.getArticleId(),
                parameters.getExpectedVersion(), parameters.getIdempotencyKey(), parameters.getFileName(), content)));
        return response;
    }

    @Override
    public PublishArticleResponse publishArticle(PublishArticle parameters) {
        Agency caller = caller();
        PublishArticleResponse response = new PublishArticleResponse();
        response.setArticle(PortalSoapMessages.toSoap(portal.publish(caller, parameters.getArticleId(), parameters.getVersion())));
        return response;
    }

    @Override
    public WithdrawArticleResponse withdrawArticle(WithdrawArticle parameters) {
        Agency caller = caller();
        WithdrawArticleResponse response = new WithdrawArticleResponse();
        response.setArticle(PortalSoapMessages.toSoap(portal.withdraw(caller, parameters.getArticleId(), parameters.getReason())));
        return response;
    }

    @Override
    public GetArticleResponse getArticle(GetArticle parameters) {
        GetArticleResponse response = new GetArticleResponse();
        response.setArticle(PortalSoapMessages.toSoap(portal.article(caller(), parameters.getArticleId())));
        return response;
    }

    @Override
    public ListArticlesResponse listArticles(ListArticles parameters) {
        caller();
        ListArticlesResponse response = new ListArticlesResponse();
        response.setPage(PortalSoapMessages.toSoap(portal.articles(PortalSoapMessages.fromSoap(parameters))));
        return response;
    }

    @Override
    public CreateGuideResponse createGuide(CreateGuide parameters) {
        Agency caller = caller();
        CreateGuideResponse response = new CreateGuideResponse();
        response.setGuide(PortalSoapMessages.toSoap(portal.createGuide(caller, parameters.getIdempotencyKey(),
                PortalSoapMessages.fromSoap(parameters.getGuide()))));
        return response;
    }

    @Override
    public UpdateGuideResponse updateGuide(UpdateGuide parameters) {
        Agency caller = caller();
        UpdateGuideResponse response = new UpdateGuideResponse();
        response.setGuide(PortalSoapMessages.toSoap(portal.updateGuide(caller, parameters.getGuideId(),
                parameters.getExpectedVersion(), PortalSoapMessages.fromSoap(parameters.getGuide()))));
        return response;
    }

    @Override
    public GetGuideResponse getGuide(GetGuide parameters) {
        caller();
        GetGuideResponse response = new GetGuideResponse();
        response.setGuide(PortalSoapMessages.toSoap(portal.guide(parameters.getGuideId())));
        return response;
    }

    @Override
    public ListGuidesResponse listGuides(ListGuides parameters) {
        caller();
        ListGuidesResponse response = new ListGuidesResponse();
        portal.guides(parameters.getAgency() == null ? null : CreditCode.parse(parameters.getAgency()))
                .forEach(guide -> response.getGuide().add(PortalSoapMessages.toSoap(guide)));
        return response;
    }

    @Override
    public ListLettersResponse listLetters(ListLetters parameters) {
        Agency caller = caller();
        ListLettersResponse response = new ListLettersResponse();
        portal.letters(caller, PortalSoapMessages.fromSoap(parameters.getState()))
                .forEach(letter -> response.getLetter().add(PortalSoapMessages.toSoap(letter)));
        return response;
    }

    @Override
    public GetLetterResponse getLetter(GetLetter parameters) {
        GetLetterResponse response = new GetLetterResponse();
        response.setLetter(PortalSoapMessages.toSoap(portal.letter(caller(), parameters.getLetterId())));
        return response;
    }

    @Override
    public ReplyToLetterResponse replyToLetter(ReplyToLetter parameters) {
        Agency caller = caller();
        ReplyToLetterResponse response = new ReplyToLetterResponse();
        response.setLetter(PortalSoapMessages.toSoap(portal.reply(caller, parameters.getLetterId(), parameters.getReply())));
        return response;
    }

    /** The agency of the TLS client certificate, after the app token (if any) was found to name it too. */
    private Agency caller() {
        HttpServletRequest request = (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
        X509Certificate certificate = TlsCaller.require(request).certificate();
        AppTokenFilter.appToken(request.getHeader("Authorization"), certificate, tokens);
        return PortalService.agencyOf(certificate);
    }
}
