package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.sandbox.portal.PortalFixture.notice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.TokenSource;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleState;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.portal.Transport;
import org.goldensdk.sandbox.AppTokens;
import org.goldensdk.sandbox.Closer;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code PortalClient.builder().tokens(identity.appTokens())}: an agency publishes with its
 * certificate and an app token of the sandbox's identity provider; agency B's token never acts for
 * agency A — neither with A's certificate nor with B's own. Over each transport: SOAP carries the
 * token in the HTTP Authorization header of the request, as REST does.
 */
@ParameterizedClass
@EnumSource(Transport.class)
@ExtendWith(SandboxExtension.class)
class PortalAppTokenTest {
    @Parameter
    Transport transport;

    @AutoClose
    private final Closer opened = new Closer();

    @Test
    void anAgencyWithItsOwnAppTokenPublishes(Sandbox sandbox) {
        PortalClient agriculture = client(sandbox, TestDepartment.AGRICULTURE, appTokens(sandbox, TestDepartment.AGRICULTURE));

        Article draft = agriculture.articles().create(notice("关于令牌发布的通知"));
        Article published = agriculture.articles().publish(draft.id(), 1);

        assertThat(published.state()).isEqualTo(ArticleState.PUBLISHED);
    }

    @Test
    void aRefusedTokenIsInvalidatedAndTheCallRetriedOnceWithAFreshOne(Sandbox sandbox) {
        TokenSource fresh = appTokens(sandbox, TestDepartment.AGRICULTURE);
        List<String> invalidated = new CopyOnWriteArrayList<>();
        TokenSource expiredFirst = new TokenSource() {
            @Override
            public String token() {
                return invalidated.isEmpty() ? "an-expired-token" : fresh.token();
            }

            @Override
            public void invalidate(String rejectedToken) {
                invalidated.add(rejectedToken);
            }
        };
        PortalClient agriculture = client(sandbox, TestDepartment.AGRICULTURE, expiredFirst);

        Article draft = agriculture.articles().create(notice("关于令牌续期的通知"));

        assertThat(invalidated).containsExactly("an-expired-token");
        assertThat(agriculture.articles().get(draft.id())).isEqualTo(draft);
    }

    @Test
    void agencyBsTokenCannotActForAgencyA(Sandbox sandbox) {
        TokenSource auditToken = appTokens(sandbox, TestDepartment.AUDIT);
        PortalClient agriculture = client(sandbox, TestDepartment.AGRICULTURE, appTokens(sandbox, TestDepartment.AGRICULTURE));
        PortalClient agricultureCertificateAuditToken = client(sandbox, TestDepartment.AGRICULTURE, auditToken);
        PortalClient audit = client(sandbox, TestDepartment.AUDIT, auditToken);
        Article draft = agriculture.articles().create(notice("关于秋粮收购的通知"));

        assertThatThrownBy(() -> agricultureCertificateAuditToken.articles().publish(draft.id(), 1))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("must name the same party");
        assertThatThrownBy(() -> agricultureCertificateAuditToken.articles().create(notice("冒名草稿")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("must name the same party");
        assertThatThrownBy(() -> agricultureCertificateAuditToken.mailbox().letters(null))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("must name the same party");
        assertThatThrownBy(() -> audit.articles().publish(draft.id(), 1)).as("B's token and certificate on A's article")
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> audit.articles().withdraw(draft.id(), "越权撤回")).isInstanceOf(AccessDeniedException.class);

        assertThat(agriculture.articles().get(draft.id())).as("nothing changed").isEqualTo(draft);
    }

    private PortalClient client(Sandbox sandbox, TestDepartment department, TokenSource tokens) {
        PortalClient client = PortalFixture.builder(sandbox, department, transport).tokens(tokens)
                .compliance(Compliance.reject()).build();
        opened.add(client);
        return client;
    }

    /** The agency system's app tokens (client credentials, client_secret_basic) from the sandbox's provider. */
    private TokenSource appTokens(Sandbox sandbox, TestDepartment department) {
        IdentityClient identity = AppTokens.identity(sandbox, department.partyId());
        opened.add(identity);
        return identity.appTokens();
    }
}
