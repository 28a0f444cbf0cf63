package org.goldensdk.cxf;

import java.net.URI;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.VirtualScheduler;

/** A test CA (P-256) with a server and two department certificates, and a foreign CA with its own client. */
final class TestPki {
    static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Golden test CA").build();
    static final HeldCertificate SERVER = new HeldCertificate.Builder().commonName("localhost")
            .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").signedBy(CA).build();
    static final HeldCertificate DEPARTMENT = new HeldCertificate.Builder().commonName("11420100MB00000196")
            .organizationalUnit("exchange").signedBy(CA).build();
    static final HeldCertificate FOREIGN_CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Some other CA").build();
    static final HeldCertificate FOREIGN_CLIENT = new HeldCertificate.Builder().commonName("11420100MB00000196")
            .signedBy(FOREIGN_CA).build();

    private TestPki() {
    }

    static TlsConfig serverTls() {
        return TlsConfig.builder().clientKey(SERVER.keyPair().getPrivate(), SERVER.certificate(), CA.certificate())
                .trustAnchors(List.of(CA.certificate())).build();
    }

    static TlsConfig clientTls(HeldCertificate client) {
        TlsConfig.Builder builder = TlsConfig.builder().trustAnchors(List.of(CA.certificate()));
        if (client != null) {
            builder.clientKey(client.keyPair().getPrivate(), client.certificate());
        }
        return builder.build();
    }

    /** A transport without retries, so every failure surfaces as it happened. */
    static HttpTransport transport(URI base, TlsConfig tls) {
        HttpTransport.Builder builder = HttpTransport.builder().baseUri(base).retryPolicy(RetryPolicy.none())
                .scheduler(VirtualScheduler.create());
        if (tls != null) {
            builder.tls(tls);
        }
        return builder.build();
    }
}
