package org.goldensdk.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS against a WireMock HTTPS server that requires a client certificate from our test CA. */
@Timeout(30)
class HttpTransportTlsTest {

    private static final String PASSWORD = "changeit";
    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Golden test CA").build();
    private static final HeldCertificate CLIENT = new HeldCertificate.Builder().commonName("11420100MB00000196")
            .signedBy(CA).build();
    private static WireMockServer server;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServerRequiringClientCertificates() throws Exception {
        HeldCertificate serverCertificate = new HeldCertificate.Builder().commonName("localhost")
                .addSubjectAlternativeName("localhost").signedBy(CA).build();
        KeyStore keyStore = emptyStore();
        keyStore.setKeyEntry("server", serverCertificate.keyPair().getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {serverCertificate.certificate(), CA.certificate()});
        KeyStore trustStore = emptyStore();
        trustStore.setCertificateEntry("ca", CA.certificate());
        server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(save(keyStore, "server.p12").toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                .needClientAuth(true)
                .trustStorePath(save(trustStore, "trust.p12").toString()).trustStoreType("PKCS12")
                .trustStorePassword(PASSWORD));
        server.start();
        server.stubFor(get(urlEqualTo("/api/hello")).willReturn(aResponse().withStatus(200).withBody("hi")));
        server.stubFor(get(urlEqualTo("/api/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Path save(KeyStore store, String name) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private HttpTransport transport(TlsConfig tls) {
        return HttpTransport.builder().baseUri(URI.create("https://localhost:" + server.httpsPort() + "/api/"))
                .tls(tls).scheduler(VirtualScheduler.create()).build();
    }

    @Test
    void theServerAcceptsOurClientCertificate() {
        TlsConfig tls = TlsConfig.builder().clientKey(CLIENT.keyPair().getPrivate(), CLIENT.certificate(), CA.certificate())
                .trustAnchors(List.of(CA.certificate())).build();
        try (HttpTransport transport = transport(tls); HttpResponse response = transport.execute(HttpRequest.get("hello"))) {
            assertThat(response.bodyBytes()).asString().isEqualTo("hi");
        }
    }

    /**
     * Under TLS 1.3 the server may send its alert or just hang up, during or after the handshake: each
     * is the same refusal. Repeated because which one happens is a race.
     */
    @RepeatedTest(20)
    void withoutAClientCertificateTheConnectionFailsWithANonRetryableError() {
        TlsConfig tls = TlsConfig.builder().trustAnchors(List.of(CA.certificate())).build();
        try (HttpTransport transport = transport(tls)) {
            TransportException failure = catchThrowableOfType(TransportException.class,
                    () -> transport.execute(HttpRequest.get("hello")));
            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure).hasMessageContaining("client certificate");
        }
    }

    /** The refusal is told apart by the certificate the server asked for, not by the hang-up itself. */
    @Test
    void aHangUpAfterOurCertificateWasAcceptedStaysARetryableNetworkFailure() {
        TlsConfig tls = TlsConfig.builder().clientKey(CLIENT.keyPair().getPrivate(), CLIENT.certificate(), CA.certificate())
                .trustAnchors(List.of(CA.certificate())).build();
        try (HttpTransport transport = transport(tls)) {
            TransportException failure = catchThrowableOfType(TransportException.class,
                    () -> transport.execute(HttpRequest.get("reset")));
            assertThat(failure.isRetryable()).isTrue();
            assertThat(failure).hasMessageNotContaining("client certificate");
        }
    }

    @Test
    void anUntrustedServerCertificateFailsWithANonRetryableError() {
        HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other CA").build();
        TlsConfig tls = TlsConfig.builder().clientKey(CLIENT.keyPair().getPrivate(), CLIENT.certificate())
                .trustAnchors(List.of(otherCa.certificate())).build();
        try (HttpTransport transport = transport(tls)) {
            TransportException failure = catchThrowableOfType(TransportException.class,
                    () -> transport.execute(HttpRequest.get("hello")));
            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure).hasMessageContaining("trust anchors");
        }
    }
}
