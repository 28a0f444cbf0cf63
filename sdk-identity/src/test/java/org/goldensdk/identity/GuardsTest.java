package org.goldensdk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jws.WebMethod;
import jakarta.jws.WebService;
import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.xml.ws.WebServiceContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.endpoint.Server;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.RestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bearer-token guards in a JAX-RS service (sdk-cxf's GoldenServer) and a CXF SOAP service. */
@Timeout(60)
class GuardsTest {

    private static TestProvider provider;
    private static IdentityClient identity;
    private static GoldenServer rest;
    private static Server soap;
    private static URI soapAddress;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Path("whoami")
    public static class WhoAmIResource {
        @GET
        @Produces("text/plain")
        public String whoAmI(@Context SecurityContext security) {
            GovPrincipal principal = (GovPrincipal) security.getUserPrincipal();
            return principal.subject() + " " + principal.kind() + " declarant=" + security.isUserInRole("declarant");
        }
    }

    @WebService(serviceName = "WhoAmI", targetNamespace = "urn:golden:test")
    public static class WhoAmIService {
        @Resource
        private WebServiceContext context;

        @WebMethod
        public String whoAmI() {
            return context.getUserPrincipal().getName();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        provider = new TestProvider();
        identity = provider.client().build();
        TokenValidator validator = identity.tokenValidator().audience(TestProvider.AUDIENCE).build();
        rest = GoldenServer.builder().api("/api", RestApi.of(new WhoAmIResource()).withProviders(BearerTokenFilter.of(validator)))
                .start();
        try (ServerSocket free = new ServerSocket(0)) {
            soapAddress = URI.create("http://127.0.0.1:" + free.getLocalPort() + "/soap/whoami");
        }
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setServiceBean(new WhoAmIService());
        factory.setAddress(soapAddress.toString());
        factory.getInInterceptors().add(BearerTokenInterceptor.of(validator));
        soap = factory.create();
    }

    @AfterAll
    static void stop() {
        soap.destroy();
        rest.close();
        identity.close();
        provider.close();
    }

    @Test
    void theJaxRsFilterAdmitsValidBearerTokensOnly() throws Exception {
        URI whoami = rest.uri().resolve("api/whoami");
        HttpResponse<String> valid = CLIENT.send(HttpRequest.newBuilder(whoami).header("Authorization", "Bearer " + provider.token())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.body()).isEqualTo("user-42 NATURAL_PERSON declarant=true");

        HttpResponse<String> missing = CLIENT.send(HttpRequest.newBuilder(whoami).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"golden\"");

        String wrongAudience = provider.token(provider.claims().audience("tax-api").build());
        HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(whoami).header("Authorization", "Bearer " + wrongAudience)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("holds none of [customs-api]").contains("\"status\":401");
    }

    @Test
    void theSoapInterceptorReadsTheBearerTokenFromTheHttpHeader() throws Exception {
        HttpResponse<String> valid = soap("Bearer " + provider.token());
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.body()).contains("<return>user-42</return>");

        HttpResponse<String> missing = soap(null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("Fault").contains("no bearer token was presented");

        HttpResponse<String> expired = soap("Bearer " + provider.token(provider.claims()
                .expirationTime(java.util.Date.from(provider.scheduler.now().minusSeconds(3600))).build()));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired at");
    }

    private static HttpResponse<String> soap(String authorization) throws Exception {
        String envelope = """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="urn:golden:test">
                  <soap:Body><t:whoAmI/></soap:Body></soap:Envelope>""";
        HttpRequest.Builder request = HttpRequest.newBuilder(soapAddress).header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
