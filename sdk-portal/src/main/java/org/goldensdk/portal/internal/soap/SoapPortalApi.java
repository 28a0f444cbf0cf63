package org.goldensdk.portal.internal.soap;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.cxf.frontend.ClientProxy;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.Finding;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TokenSource;
import org.goldensdk.core.TransportException;
import org.goldensdk.cxf.SoapClients;
import org.goldensdk.cxf.SoapFaults;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.ArticleQuery;
import org.goldensdk.portal.AttachmentType;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.Page;
import org.goldensdk.portal.PortalSoapMessages;
import org.goldensdk.portal.ProgressListener;
import org.goldensdk.portal.ServiceGuide;
import org.goldensdk.portal.ServiceGuideDraft;
import org.goldensdk.portal.internal.CountingInputStream;
import org.goldensdk.portal.internal.PortalApi;
import org.goldensdk.portal.soap.AddAttachment;
import org.goldensdk.portal.soap.CreateArticle;
import org.goldensdk.portal.soap.CreateGuide;
import org.goldensdk.portal.soap.GetArticle;
import org.goldensdk.portal.soap.GetGuide;
import org.goldensdk.portal.soap.GetLetter;
import org.goldensdk.portal.soap.ListGuides;
import org.goldensdk.portal.soap.ListLetters;
import org.goldensdk.portal.soap.PortalFault;
import org.goldensdk.portal.soap.PortalPortType;
import org.goldensdk.portal.soap.PortalService;
import org.goldensdk.portal.soap.PublishArticle;
import org.goldensdk.portal.soap.ReplyToLetter;
import org.goldensdk.portal.soap.UpdateArticle;
import org.goldensdk.portal.soap.UpdateGuide;
import org.goldensdk.portal.soap.WithdrawArticle;

/**
 * The publishing API over SOAP (docs/portal/portal-service.wsdl, SOAP 1.1 port) on a CXF proxy:
 * mutual TLS and a WS-Security signature with the agency's INTL credentials, app tokens in the HTTP
 * Authorization header, attachments as MTOM parts. Faults become the same typed exceptions as
 * problem+json (findings included); what failed before an answer arrived is retried under the
 * {@link RetryPolicy} on the {@link Scheduler} — every operation is safe to repeat, creations
 * because their idempotency key is kept across the attempts. A refused app token is invalidated
 * and the call retried once. Thread-safe.
 */
public final class SoapPortalApi implements PortalApi {
    private static final long RECEIVE_TIMEOUT_MILLIS = 60_000;

    private final PortalPortType port;
    private final BearerTokens tokens;
    private final RetryPolicy retryPolicy;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;

    /**
     * A client of the service at {@code endpoint} (the SOAP 1.1 port's address) as the owner of
     * {@code credentials}; {@code tokens} and {@code scheduler} may be null (no app tokens; a
     * real-time scheduler this object owns).
     *
     * @throws ConfigurationException naming {@code transportKey} if CXF (sdk-cxf) is not on the class path
     */
    public static PortalApi create(URI endpoint, TlsConfig tls, DepartmentCredentials credentials, TokenSource tokens,
            RetryPolicy retryPolicy, Scheduler scheduler, String transportKey) {
        try {
            Class.forName("org.apache.cxf.jaxws.JaxWsProxyFactoryBean", false, SoapPortalApi.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(transportKey, "the SOAP transport needs Apache CXF: add the dependency"
                    + " org.goldensdk:sdk-cxf (docs/portal.md), or use the REST transport");
        }
        return new SoapPortalApi(endpoint, tls, credentials, tokens, retryPolicy, scheduler);
    }

    private SoapPortalApi(URI endpoint, TlsConfig tls, DepartmentCredentials credentials, TokenSource tokenSource,
            RetryPolicy retryPolicy, Scheduler scheduler) {
        this.port = SoapClients.configure(new PortalService().getPortalSoap11Port(), endpoint.toString(), tls,
                SoapSecurity.signWith(credentials), RECEIVE_TIMEOUT_MILLIS);
        this.tokens = tokenSource == null ? null : new BearerTokens(tokenSource);
        if (tokens != null) {
            ClientProxy.getClient(port).getOutInterceptors().add(tokens);
        }
        this.retryPolicy = retryPolicy;
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler == null ? Scheduler.system() : scheduler;
    }

    @Override
    public Article createArticle(ArticleDraft draft) {
        CreateArticle request = new CreateArticle();
        request.setDraft(PortalSoapMessages.toSoap(draft));
        request.setIdempotencyKey(UUID.randomUUID().toString());
        return call(() -> PortalSoapMessages.fromSoap(port.createArticle(request).getArticle()));
    }

    @Override
    public Article updateArticle(String id, long expectedVersion, ArticleDraft draft) {
        UpdateArticle request = new UpdateArticle();
        request.setArticleId(id);
        request.setExpectedVersion(expectedVersion);
        request.setDraft(PortalSoapMessages.toSoap(draft));
        return call(() -> PortalSoapMessages.fromSoap(port.updateArticle(request).getArticle()));
    }

    @Override
    public Article addAttachment(String id, long expectedVersion, String fileName, AttachmentType type, byte[] content,
            ProgressListener progress) {
        AddAttachment request = new AddAttachment();
        request.setArticleId(id);
        request.setExpectedVersion(expectedVersion);
        request.setFileName(fileName);
        request.setIdempotencyKey(UUID.randomUUID().toString());
        return call(() -> {
            request.setContent(new DataHandler(new Upload(fileName, type, content, progress)));
            return PortalSoapMessages.fromSoap(port.addAttachment(request).getArticle());
        });
    }

    @Override
    public Article publishArticle(String id, long version) {
        PublishArticle request = new PublishArticle();
        request.setArticleId(id);
        request.setVersion(version);
        return call(() -> PortalSoapMessages.fromSoap(port.publishArticle(request).getArticle()));
    }

    @Override
    public Article withdrawArticle(String id, String reason) {
        WithdrawArticle request = new WithdrawArticle();
        request.setArticleId(id);
        request.setReason(reason);
        return call(() -> PortalSoapMessages.fromSoap(port.withdrawArticle(request).getArticle()));
    }

    @Override
    public Article article(String id) {
        GetArticle request = new GetArticle();
        request.setArticleId(id);
        return call(() -> PortalSoapMessages.fromSoap(port.getArticle(request).getArticle()));
    }

    @Override
    public Page<Article> articles(ArticleQuery query) {
        return call(() -> PortalSoapMessages.fromSoap(port.listArticles(PortalSoapMessages.toSoap(query)).getPage()));
    }

    @Override
    public ServiceGuide createGuide(ServiceGuideDraft guide) {
        CreateGuide request = new CreateGuide();
        request.setGuide(PortalSoapMessages.toSoap(guide));
        request.setIdempotencyKey(UUID.randomUUID().toString());
        return call(() -> PortalSoapMessages.fromSoap(port.createGuide(request).getGuide()));
    }

    @Override
    public ServiceGuide updateGuide(String id, long expectedVersion, ServiceGuideDraft guide) {
        UpdateGuide request = new UpdateGuide();
        request.setGuideId(id);
        request.setExpectedVersion(expectedVersion);
        request.setGuide(PortalSoapMessages.toSoap(guide));
        return call(() -> PortalSoapMessages.fromSoap(port.updateGuide(request).getGuide()));
    }

    @Override
    public ServiceGuide guide(String id) {
        GetGuide request = new GetGuide();
        request.setGuideId(id);
        return call(() -> PortalSoapMessages.fromSoap(port.getGuide(request).getGuide()));
    }

    @Override
    public List<ServiceGuide> guides(CreditCode agency) {
        ListGuides request = new ListGuides();
        request.setAgency(agency == null ? null : agency.value());
        return call(() -> port.listGuides(request).getGuide().stream().map(PortalSoapMessages::fromSoap).toList());
    }

    @Override
    public List<Letter> letters(LetterState state) {
        ListLetters request = new ListLetters();
        request.setState(PortalSoapMessages.toSoap(state));
        return call(() -> port.listLetters(request).getLetter().stream().map(PortalSoapMessages::fromSoap).toList());
    }

    @Override
    public Letter letter(String id) {
        GetLetter request = new GetLetter();
        request.setLetterId(id);
        return call(() -> PortalSoapMessages.fromSoap(port.getLetter(request).getLetter()));
    }

    @Override
    public Letter reply(String id, String reply) {
        ReplyToLetter request = new ReplyToLetter();
        request.setLetterId(id);
        request.setReply(reply);
        return call(() -> PortalSoapMessages.fromSoap(port.replyToLetter(request).getLetter()));
    }

    /** Runs {@code operation}, retrying failures before an answer under the policy, a refused token once. */
    private <T> T call(FaultingCall<T> operation) {
        Clock clock = scheduler.clock();
        Instant first = clock.instant();
        boolean tokenRenewed = false;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return invoke(operation);
            } catch (AuthenticationException e) {
                if (tokens == null || tokenRenewed) {
                    throw e;
                }
                tokenRenewed = true;
                tokens.refused();
            } catch (GoldenException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                Duration delay = retryPolicy.delayBefore(attempts, Optional.empty(), ThreadLocalRandom.current());
                if (!retryPolicy.permitsAnotherAttempt(attempts, Duration.between(first, clock.instant().plus(delay)))) {
                    throw e;
                }
                pause(delay, e);
            }
        }
    }

    private static <T> T invoke(FaultingCall<T> operation) {
        try {
            return operation.get();
        } catch (PortalFault fault) {
            org.goldensdk.portal.soap.fault.Error error = fault.getFaultInfo();
            if (error == null) {
                throw SoapFaults.toException(null, fault.getMessage(), null);
            }
            throw SoapFaults.toException(error.getCode(), fault.getMessage(), error.getRequestId(), error.getFinding().stream()
                    .map(finding -> new Finding(finding.getField(), finding.getRule(), finding.getMessage())).toList());
        } catch (GoldenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SoapFaults.toException(e);
        }
    }

    private void pause(Duration delay, GoldenException failure) {
        try {
            scheduler.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            TransportException interrupted = new TransportException("interrupted while waiting to retry the SOAP call", e, false);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }

    @Override
    public void close() {
        ClientProxy.getClient(port).destroy();
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    /** One SOAP operation; the generated port declares the portal's fault as a checked exception. */
    @FunctionalInterface
    private interface FaultingCall<T> {
        T get() throws PortalFault;
    }

    /**
     * An attachment's bytes for one attempt, streamed into the MTOM part. The stack reads them twice:
     * first to digest them for the WS-Security signature (the part is signed as the content it
     * stands for), then to write them to the connection; only that second read is reported to the
     * progress listener, so it sees one pass from 0 to the size per attempt.
     */
    private static final class Upload implements DataSource {
        private final String fileName;
        private final AttachmentType type;
        private final byte[] content;
        private final ProgressListener progress;
        private final AtomicInteger reads = new AtomicInteger();

        Upload(String fileName, AttachmentType type, byte[] content, ProgressListener progress) {
            this.fileName = fileName;
            this.type = type;
            this.content = content;
            this.progress = progress;
        }

        @Override
        public InputStream getInputStream() {
            InputStream bytes = new ByteArrayInputStream(content);
            return reads.incrementAndGet() == 1 ? bytes : new CountingInputStream(bytes, content.length, progress);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("an upload is read only");
        }

        @Override
        public String getContentType() {
            return type.mediaType();
        }

        @Override
        public String getName() {
            return fileName;
        }
    }
}
