package org.goldensdk.cxf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import okhttp3.tls.HeldCertificate;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.SafeXml;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.VirtualScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * WS-Security as a served {@link SoapApi} checks it, with messages signed by WSS4J directly (so each
 * can be bent): a good one reaches the service; a tampered Body, a missing, expired or future
 * Timestamp, a replay, a certificate from another CA and a signer other than the TLS caller are
 * SOAP faults with our code, and the service is never called.
 */
class WsSecurityTest {
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String ECHO = "<s:Envelope xmlns:s=\"" + SOAP + "\"><s:Body>"
            + "<e:echo xmlns:e=\"urn:test:echo\"><arg0>pay 100</arg0></e:echo></s:Body></s:Envelope>";

    private static final EchoService ECHO_SERVICE = new EchoService();
    private static VirtualScheduler scheduler;
    private static GoldenServer server;
    private static HttpClient department;

    @BeforeAll
    static void start() {
        WSSConfig.init();
        scheduler = VirtualScheduler.startingAt(Instant.now());
        server = GoldenServer.builder().tls(TestPki.serverTls())
                .soap("/echo", SoapApi.of(ECHO_SERVICE).security(SoapSecurity.verifyWith(
                        TrustAnchors.of(List.of(TestPki.CA.certificate())), scheduler)))
                .start();
        department = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestPki.clientTls(TestPki.DEPARTMENT).sslContext()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void resetCalls() {
        ECHO_SERVICE.calls.set(0);
    }

    @Test
    void aMessageSignedOverBodyAndTimestampReachesTheService() throws Exception {
        HttpResponse<String> answer = post(signed(TestPki.DEPARTMENT, scheduler.now(), 300, true));
        assertThat(answer.body()).contains("<return>pay 100</return>");
        assertThat(ECHO_SERVICE.calls).hasValue(1);
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        assertRefused(signed(TestPki.DEPARTMENT, scheduler.now(), 300, true).replace("pay 100", "pay 900"), "E_SIGNATURE");
    }

    @Test
    void aMessageWithoutTimestampIsRefused() throws Exception {
        assertRefused(signed(TestPki.DEPARTMENT, scheduler.now(), 300, false), "E_AUTHENTICATION");
    }

    @Test
    void anExpiredTimestampIsRefused() throws Exception {
        assertRefused(signed(TestPki.DEPARTMENT, scheduler.now().minus(Duration.ofMinutes(10)), 300, true), "E_AUTHENTICATION");
    }

    @Test
    void aTimestampFromTheFutureIsRefused() throws Exception {
        assertRefused(signed(TestPki.DEPARTMENT, scheduler.now().plus(Duration.ofMinutes(10)), 300, true), "E_AUTHENTICATION");
    }

    @Test
    void aTimestampValidForTooLongIsRefused() throws Exception {
        assertRefused(signed(TestPki.DEPARTMENT, scheduler.now(), 3600, true), "E_AUTHENTICATION");
    }

    @Test
    void aReplayedMessageIsRefusedTheSecondTime() throws Exception {
        String message = signed(TestPki.DEPARTMENT, scheduler.now(), 300, true);
        assertThat(post(message).body()).contains("<return>pay 100</return>");
        assertRefused(message, "E_AUTHENTICATION");
        assertThat(ECHO_SERVICE.calls).hasValue(1);
    }

    @Test
    void aSignerFromAnotherCaIsRefused() throws Exception {
        assertRefused(signed(TestPki.FOREIGN_CLIENT, scheduler.now(), 300, true), "E_AUTHENTICATION");
    }

    @Test
    void aSignerOtherThanTheTlsCallerIsRefused() throws Exception {
        HeldCertificate other = new HeldCertificate.Builder().commonName("11420100MB00000271").signedBy(TestPki.CA).build();
        assertRefused(signed(other, scheduler.now(), 300, true), "E_AUTHENTICATION");
    }

    /** The message is answered with a fault carrying {@code code}, and the service does not run for it. */
    private static void assertRefused(String message, String code) throws Exception {
        int callsBefore = ECHO_SERVICE.calls.get();
        HttpResponse<String> answer = post(message);
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(code(answer.body())).as(answer.body()).isEqualTo(code);
        assertThat(ECHO_SERVICE.calls).as("the service must not run").hasValue(callsBefore);
    }

    private static String signed(HeldCertificate signer, Instant created, int ttlSeconds, boolean timestamp) throws Exception {
        DocumentBuilderFactory factory = SafeXml.documentBuilderFactory(CodecLimits.defaults());
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(ECHO)));
        WSSecHeader header = new WSSecHeader(document);
        header.insertSecurityHeader();
        WSSecSignature signature = new WSSecSignature(header);
        if (timestamp) {
            WSSecTimestamp stamp = new WSSecTimestamp(header);
            stamp.setTimeToLive(ttlSeconds);
            stamp.setWsTimeSource(() -> created);
            stamp.build();
            signature.getParts().add(new WSEncryptionPart("Timestamp", WSU, ""));
        }
        signature.getParts().add(new WSEncryptionPart("Body", SOAP, ""));
        signature.setUserInfo("key", "secret");
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
        signature.setDigestAlgo("http://www.w3.org/2001/04/xmlenc#sha256");
        signature.build(crypto(signer));
        StringWriter out = new StringWriter();
        SafeXml.transformerFactory().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }

    private static Merlin crypto(HeldCertificate signer) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", signer.keyPair().getPrivate(), "secret".toCharArray(), new X509Certificate[] {signer.certificate()});
        Merlin merlin = new Merlin();
        merlin.setKeyStore(keys);
        return merlin;
    }

    private static HttpResponse<String> post(String message) throws Exception {
        return department.send(HttpRequest.newBuilder(server.uri().resolve("echo")).header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(message)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String code(String fault) {
        Matcher code = Pattern.compile("<[a-zA-Z0-9]+:Code[^>]*>(E_[A-Z_]+)<").matcher(fault);
        return code.find() ? code.group(1) : fault;
    }
}
