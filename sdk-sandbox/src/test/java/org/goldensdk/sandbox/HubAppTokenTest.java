package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.sandbox.HubCalls.delivery;
import static org.goldensdk.sandbox.HubCalls.get;
import static org.goldensdk.sandbox.HubCalls.seal;
import static org.goldensdk.sandbox.HubCalls.submit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TokenSource;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * App tokens at the hub: besides its (mandatory) client certificate a system may present an app
 * token of the sandbox's identity provider, got with sdk-identity's {@link IdentityClient}; the hub
 * validates it and refuses it unless it names the certificate's party. A token of party A never
 * lets anyone act as party B.
 */
@ExtendWith(SandboxExtension.class)
@Timeout(60)
class HubAppTokenTest {
    private static final PartyId TAX = TestDepartment.TAX.partyId();
    private static final PartyId CUSTOMS = TestDepartment.CUSTOMS.partyId();

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void aSystemWithItsOwnTokenAndCertificateSubmitsAndReadsItsReceipts(Sandbox sandbox) {
        HttpTransport tax = hub(sandbox, TestDepartment.TAX, appTokens(sandbox, TAX));
        var sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"q\":\"token\"}");

        assertThat(submit(tax, delivery(sealed)).receipt().state()).isEqualTo(ReceiptState.ACCEPTED);
        assertThat(get(tax, "messages/" + sealed.envelope().header().messageId() + "/receipts").get("receipts")).hasSize(1);
    }

    @Test
    void partyAsTokenCannotActAsPartyB(Sandbox sandbox) {
        TokenSource taxToken = appTokens(sandbox, TAX);
        HttpTransport customsCertificateTaxToken = hub(sandbox, TestDepartment.CUSTOMS, taxToken);
        HttpTransport taxCertificateTaxToken = hub(sandbox, TestDepartment.TAX, taxToken);
        String customsInbox = "inbox?party=" + URLEncoder.encode(CUSTOMS.toString(), StandardCharsets.UTF_8);
        byte[] asCustoms = delivery(seal(TestDepartment.CUSTOMS, TAX, AccessRight.TAX_COMPANY_STATUS, "{\"q\":1}"));

        assertThatThrownBy(() -> get(customsCertificateTaxToken, customsInbox)).as("A's token with B's certificate: B's inbox")
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("must name the same party");
        assertThatThrownBy(() -> submit(customsCertificateTaxToken, asCustoms)).as("A's token with B's certificate: sending as B")
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("must name the same party");
        assertThatThrownBy(() -> get(customsCertificateTaxToken, "receipts")).as("A's token with B's certificate: B's receipts")
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("must name the same party");
        assertThatThrownBy(() -> get(taxCertificateTaxToken, customsInbox)).as("A's token and certificate: B's inbox")
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("only a party itself may read its inbox");
        assertThatThrownBy(() -> submit(taxCertificateTaxToken, asCustoms)).as("A's token and certificate: sending as B")
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aTokenTheProviderDidNotIssueIsRefusedAsUnauthenticated(Sandbox sandbox) {
        String taxToken = appTokens(sandbox, TAX).token();
        String forged = taxToken.substring(0, taxToken.lastIndexOf('.') + 1) + "AAAA";

        for (String token : List.of("not-a-token", forged)) {
            HttpTransport tax = hub(sandbox, TestDepartment.TAX, () -> token);
            assertThatThrownBy(() -> get(tax, "receipts")).as(token).isInstanceOf(AuthenticationException.class);
        }
    }

    /** App tokens of {@code party}'s system from the sandbox's provider (client credentials, client_secret_basic). */
    private TokenSource appTokens(Sandbox sandbox, PartyId party) {
        IdentityClient identity = IdentityClient.builder().issuer(sandbox.issuer()).clientId(Sandbox.departmentClientId(party))
                .clientSecret(Sandbox.DEPARTMENT_CLIENT_SECRET)
                .transport(http -> http.tls(TlsConfig.builder().trustAnchors(TestCredentials.trustAnchors().certificates()).build()))
                .build();
        opened.add(identity);
        return identity.appTokens();
    }

    /** The hub with {@code department}'s certificate (mutual TLS) and bearer tokens from {@code tokens}; no retries. */
    private HttpTransport hub(Sandbox sandbox, TestDepartment department, TokenSource tokens) {
        HttpTransport transport = HttpTransport.builder().baseUri(sandbox.hubUri().resolve("exchange/v1/"))
                .tls(TlsConfig.of(department.credentials(), TestCredentials.trustAnchors())).retryPolicy(RetryPolicy.none())
                .tokenSource(tokens).build();
        opened.add(transport);
        return transport;
    }
}
