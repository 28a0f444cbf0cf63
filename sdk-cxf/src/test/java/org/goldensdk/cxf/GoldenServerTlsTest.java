package org.goldensdk.cxf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import okhttp3.tls.HeldCertificate;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GoldenServerTlsTest {

    private static GoldenServer server;

    @BeforeAll
    static void start() {
        server = GoldenServer.builder().tls(TestPki.serverTls()).api("/api", RestApi.of(new ThingResource())).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String get(TlsConfig clientTls, String path) {
        try (HttpTransport transport = TestPki.transport(server.uri().resolve("api/"), clientTls);
                HttpResponse response = transport.execute(HttpRequest.get(path))) {
            return new String(response.bodyBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void acceptsAClientCertificateFromTheTrustedCaAndShowsItToTheResource() {
        assertThat(server.uri().getScheme()).isEqualTo("https");
        assertThat(server.uri().getPort()).isPositive().isEqualTo(server.port());

        String subject = get(TestPki.clientTls(TestPki.DEPARTMENT), "things/caller");

        assertThat(subject).isEqualTo(TestPki.DEPARTMENT.certificate().getSubjectX500Principal().getName())
                .contains("CN=11420100MB00000196");
    }

    @Test
    void refusesACallerWithoutAClientCertificateBeforeAnyResourceRuns() {
        ThingResource resource = new ThingResource();
        try (GoldenServer required = GoldenServer.builder().tls(TestPki.serverTls()).api("/api", RestApi.of(resource)).start();
                HttpTransport anonymous = TestPki.transport(required.uri().resolve("api/"), TestPki.clientTls(null))) {
            HttpRequest upload = HttpRequest.builder("POST", "things/upload")
                    .body(HttpBody.of(new byte[10], "application/octet-stream")).build();

            AuthenticationException refused = catchThrowableOfType(AuthenticationException.class, () -> anonymous.execute(upload));

            assertThat(refused).isNotNull().hasMessageContaining("client certificate");
            assertThat(refused.isRetryable()).isFalse();
            assertThat(refused.remote().orElseThrow().status()).isEqualTo(401);
            assertThat(resource.uploadCalls).hasValue(0);
        }
    }

    @Test
    void aCertificateFromAnotherCaNeverAuthenticates() {
        // The JDK client sends no certificate the server's CA list does not ask for: the caller is anonymous.
        AuthenticationException anonymous = catchThrowableOfType(AuthenticationException.class,
                () -> get(TestPki.clientTls(TestPki.FOREIGN_CLIENT), "things/caller"));
        assertThat(anonymous).isNotNull();
        assertThat(anonymous.isRetryable()).isFalse();

        // A client that presents it anyway fails in the handshake.
        TlsConfig insisting = TlsConfig.builder().trustAnchors(List.of(TestPki.CA.certificate()))
                .keyManager(new PresentingKeyManager(TestPki.FOREIGN_CLIENT)).build();
        assertThatThrownBy(() -> get(insisting, "things/caller")).isInstanceOf(TransportException.class);
    }

    /** Presents its certificate whatever CAs the server asks for. */
    private static final class PresentingKeyManager extends X509ExtendedKeyManager {
        private final HeldCertificate held;

        PresentingKeyManager(HeldCertificate held) {
            this.held = held;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {held.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return held.keyPair().getPrivate();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    @Test
    void anOptionalClientCertificateLetsAnonymousCallersInButTlsCallerRefusesThem() {
        try (GoldenServer optional = GoldenServer.builder().tls(TestPki.serverTls()).clientAuth(ClientAuth.OPTIONAL)
                .api("/api", RestApi.of(new ThingResource())).start();
                HttpTransport anonymous = TestPki.transport(optional.uri().resolve("api/"), TestPki.clientTls(null));
                HttpTransport department = TestPki.transport(optional.uri().resolve("api/"), TestPki.clientTls(TestPki.DEPARTMENT))) {

            assertThatThrownBy(() -> anonymous.execute(HttpRequest.get("things/caller")))
                    .isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(((AuthenticationException) e).remote().orElseThrow().status()).isEqualTo(401));
            try (HttpResponse response = department.execute(HttpRequest.get("things/caller"))) {
                assertThat(new String(response.bodyBytes(), StandardCharsets.UTF_8)).contains("CN=11420100MB00000196");
            }
        }
    }

    @Test
    void twoServersRunSideBySideOnTheirOwnPortsAndStopIndependently() {
        GoldenServer second = GoldenServer.builder().tls(TestPki.serverTls()).api("/api", RestApi.of(new ThingResource())).start();
        int secondPort = second.port();
        assertThat(secondPort).isNotEqualTo(server.port());
        assertThat(get(TestPki.clientTls(TestPki.DEPARTMENT), "things/caller")).contains("CN=11420100MB00000196");

        second.close();

        assertThat(get(TestPki.clientTls(TestPki.DEPARTMENT), "things/caller")).contains("CN=11420100MB00000196");
        try (HttpTransport transport = TestPki.transport(second.uri().resolve("api/"), TestPki.clientTls(TestPki.DEPARTMENT))) {
            assertThatThrownBy(() -> transport.execute(HttpRequest.get("things/caller"))).isInstanceOf(TransportException.class);
        }
    }

    @Test
    void refusesTlsWithoutAServerKeyOrWithoutTrustAnchorsForClientCertificates() {
        TlsConfig noKey = TlsConfig.builder().trustAnchors(List.of(TestPki.CA.certificate())).build();
        TlsConfig noAnchors = TlsConfig.builder()
                .clientKey(TestPki.SERVER.keyPair().getPrivate(), TestPki.SERVER.certificate()).build();
        RestApi api = RestApi.of(new ThingResource());

        assertThatThrownBy(() -> GoldenServer.builder().tls(noKey).api("/api", api).start())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> GoldenServer.builder().tls(noAnchors).api("/api", api).start())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("trust anchors");
        assertThatThrownBy(() -> GoldenServer.builder().api("api", api))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("base path");
        assertThatThrownBy(() -> GoldenServer.builder().start())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least one API");
    }

    @Test
    void refusesAPortThatIsTaken() {
        assertThatThrownBy(() -> GoldenServer.builder().port(server.port()).api("/api", RestApi.of(new ThingResource())).start())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(String.valueOf(server.port()));
        assertThat(get(TestPki.clientTls(TestPki.DEPARTMENT), "things/caller")).contains("CN=11420100MB00000196");
    }
}
