package org.goldensdk.sandbox.internal.portal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.goldensdk.core.Redactor;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.cxf.SoapApi;
import org.goldensdk.identity.TokenValidator;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.Compliance;
import org.goldensdk.sandbox.internal.ContractCheck;
import org.goldensdk.sandbox.internal.ContractFilter;

/**
 * The sandbox's portal: its store, the publishing API (a {@link RestApi} the sandbox serves on its
 * mutual-TLS port) and the public pages on their own plain-HTTP port. Close it to stop the pages
 * and drop the state.
 */
public final class SandboxPortal implements AutoCloseable {
    /** Request bodies of the publishing API: the largest attachment plus room for the JSON bodies. */
    private static final long MAX_REQUEST_BYTES = Compliance.DEFAULT_MAX_ATTACHMENT_BYTES + 1024 * 1024;
    private static final long MAX_FORM_BYTES = 64 * 1024;
    private static final String PAGES_BASE_PATH = "/portal";

    private final PortalStore store;
    private final PortalService service;
    private final RestApi api;
    private final GoldenServer pages;

    private SandboxPortal(PortalStore store, PortalService service, RestApi api, GoldenServer pages) {
        this.store = store;
        this.service = service;
        this.api = api;
        this.pages = pages;
    }

    /**
     * Opens the store (in memory when {@code databaseDirectory} is null) and starts the public pages
     * on {@code pagesPort} (0: a free port) of 127.0.0.1; {@code contract}, when present, checks the
     * publishing API's traffic.
     */
    public static SandboxPortal start(Path databaseDirectory, Clock clock, List<Agency> agencies, int pagesPort,
            Optional<ContractCheck> contract) {
        PortalStore store = PortalStore.open(databaseDirectory);
        try {
            PortalService service = new PortalService(store, clock, agencies);
            RestApi api = RestApi.of(new PortalApiResource(service)).withMaxRequestBytes(MAX_REQUEST_BYTES);
            if (contract.isPresent()) {
                api = api.withProviders(new ContractFilter(contract.get()));
            }
            GoldenServer pages = GoldenServer.builder().port(pagesPort)
                    .api(PAGES_BASE_PATH, RestApi.of(new PortalPages(service, new PortalHtml(Redactor.standard(clock))))
                            .withMaxRequestBytes(MAX_FORM_BYTES))
                    .start();
            return new SandboxPortal(store, service, api, pages);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The publishing API, for the sandbox's mutual-TLS port. */
    public RestApi api() {
        return api;
    }

    /**
     * The SOAP publishing service ({@code docs/portal/portal-service.wsdl}) over the same portal as
     * {@link #api()}: the SOAP 1.1 port for {@link PortalSoapService#SOAP11_PATH}, then the SOAP 1.2
     * port for {@link PortalSoapService#SOAP12_PATH}; WS-Security verified against {@code anchors} on
     * {@code scheduler}, app tokens by {@code tokens}' validator.
     */
    public List<SoapApi> soapApis(TrustAnchors anchors, Scheduler scheduler, Supplier<TokenValidator> tokens) {
        return PortalSoapService.apis(service, MAX_REQUEST_BYTES, anchors, scheduler, tokens);
    }

    /** The public pages' home, {@code http://127.0.0.1:<port>/portal/}. */
    public URI pagesUri() {
        return pages.uri().resolve(PortalHtml.ROOT.substring(1));
    }

    @Override
    public void close() {
        pages.close();
        store.close();
    }
}
