package org.goldensdk.cxf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.GoldenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoapApiTest {
    private static final String ECHO = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            + "<e:echo xmlns:e=\"urn:test:echo\"><arg0>hi</arg0></e:echo></s:Body></s:Envelope>";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void aSoapServiceAnswersBesideRestApisOnOnePort() throws Exception {
        EchoService echo = new EchoService();
        try (GoldenServer server = GoldenServer.builder().api("/exchange/v1", RestApi.of(new RootResource()))
                .soap("/exchange/soap/v1", SoapApi.of(echo)).soap("/exchange/soap12/v1", SoapApi.of(new EchoService())).start()) {
            assertThat(post(server, "exchange/soap/v1", ECHO).body()).contains("hi");
            assertThat(echo.calls).hasValue(1);
        }
    }

    @Test
    void overMutualTlsTheSoapServiceIsReachedBesideRest() throws Exception {
        EchoService echo = new EchoService();
        HttpClient mutual = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TestPki.clientTls(TestPki.DEPARTMENT).sslContext()).build();
        try (GoldenServer server = GoldenServer.builder().tls(TestPki.serverTls()).api("/exchange/v1", RestApi.of(new RootResource()))
                .soap("/exchange/soap/v1", SoapApi.of(echo)).start()) {
            HttpResponse<String> answer = mutual.send(HttpRequest.newBuilder(server.uri().resolve("exchange/soap/v1"))
                    .header("Content-Type", "text/xml").header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(ECHO))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).as(answer.statusCode() + " " + answer.body()).contains("<return>hi</return>");
            assertThat(echo.calls).hasValue(1);
        }
    }

    @Test
    void aContractFirstServiceServesItsWsdlByteForByte() throws Exception {
        Path wsdl = directory.resolve("echo.wsdl");
        try (GoldenServer codeFirst = GoldenServer.builder().soap("/echo", SoapApi.of(new EchoService())).start()) {
            Files.write(wsdl, http.send(HttpRequest.newBuilder(codeFirst.uri().resolve("echo?wsdl")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
        }
        EchoService echo = new EchoService();
        SoapApi api = SoapApi.of(echo).contract(wsdl.toUri().toURL(), new QName("urn:test:echo", "EchoService"),
                new QName("urn:test:echo", "EchoPort"));
        try (GoldenServer server = GoldenServer.builder().api("/exchange/v1", RestApi.of(new RootResource()))
                .soap("/exchange/soap/v1", api).start()) {
            assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("exchange/soap/v1?wsdl")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(Files.readAllBytes(wsdl));
            assertThat(post(server, "exchange/soap/v1", ECHO).body()).contains("hi");
            assertThat(echo.calls).hasValue(1);
        }
    }

    @Test
    void aFaultCarriesTheFindingsAndTheClientGetsThemBackInTheTypedException() throws Exception {
        try (GoldenServer server = GoldenServer.builder().soap("/refusing", SoapApi.of(new RefusingService())).start()) {
            QName port = new QName("urn:test:refusing", "RefusingPort");
            Service service = Service.create(new QName("urn:test:refusing", "RefusingService"));
            service.addPort(port, SOAPBinding.SOAP11HTTP_BINDING, server.uri().resolve("refusing").toString());
            Dispatch<Source> dispatch = service.createDispatch(port, Source.class, Service.Mode.PAYLOAD);
            Throwable thrown = catchThrowable(() -> dispatch.invoke(new StreamSource(new StringReader(
                    "<r:judge xmlns:r=\"urn:test:refusing\"><arg0>x</arg0></r:judge>"))));

            GoldenException mapped = SoapFaults.toException(thrown);
            assertThat(mapped).isInstanceOfSatisfying(ComplianceException.class,
                    compliance -> assertThat(compliance.findings()).isEqualTo(RefusingService.FINDINGS));
            assertThat(mapped.remote()).hasValueSatisfying(remote -> assertThat(remote.wireCode()).isEqualTo("E_COMPLIANCE"));
        }
    }

    private HttpResponse<String> post(GoldenServer server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", "text/xml")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
