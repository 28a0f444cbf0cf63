package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.sandbox.HubCalls.as;
import static org.goldensdk.sandbox.HubCalls.delivery;
import static org.goldensdk.sandbox.HubCalls.seal;
import static org.goldensdk.sandbox.HubCalls.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared sandbox checks real traffic against docs/exchange/openapi.yaml and records what does not conform. */
@Timeout(60)
@ExtendWith(SandboxExtension.class)
class ContractCheckTest {
    private static final PartyId CUSTOMS = TestDepartment.CUSTOMS.partyId();

    /** Hands a test its own extension context, to drive a second SandboxExtension by hand. */
    @RegisterExtension
    static final ParameterResolver CONTEXTS = new ParameterResolver() {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ExtensionContext.class;
        }

        @Override
        public ExtensionContext resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context;
        }
    };

    @Test
    void theSharedSandboxChecksTheContract(Sandbox sandbox) {
        assertThat(sandbox.checksContract()).isTrue();
    }

    @Test
    void recordsADeliveryWithAMemberTheDocumentDoesNotAllow(Sandbox sandbox) {
        try (HttpTransport tax = as(sandbox, TestDepartment.TAX.credentials());
                SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{}")) {
            ObjectNode body = (ObjectNode) HubCalls.JSON.readTree(delivery(sealed));
            body.put("priority", "high");
            int before = sandbox.contractViolations().size();

            assertThatThrownBy(() -> submit(tax, HubCalls.JSON.write(body))).isInstanceOf(MalformedInputException.class);

            assertThat(sandbox.contractViolations().subList(before, sandbox.contractViolations().size()))
                    .singleElement().asString()
                    .startsWith("submit (POST /messages request)")
                    .contains("additionalProperties", "priority");
        } finally {
            sandbox.clearContractViolations();
        }
        assertThat(sandbox.contractViolations()).isEmpty();
    }

    @Test
    void recordsARequestForAPathTheDocumentDoesNotHave(Sandbox sandbox) {
        try (HttpTransport tax = as(sandbox, TestDepartment.TAX.credentials())) {
            assertThatThrownBy(() -> tax.execute(HttpRequest.get("outbox")).close()).isInstanceOf(GoldenException.class);

            assertThat(sandbox.contractViolations()).anySatisfy(violation -> assertThat(violation)
                    .contains("GET /outbox", "validation.request.path.missing"));
        } finally {
            sandbox.clearContractViolations();
        }
    }

    @Test
    void theExtensionFailsATestWhoseTrafficViolatedTheContract(Sandbox sandbox, ExtensionContext context) {
        SandboxExtension extension = new SandboxExtension();
        extension.beforeEach(context);
        try (HttpTransport tax = as(sandbox, TestDepartment.TAX.credentials())) {
            extension.afterEach(context);   // nothing yet

            assertThatThrownBy(() -> tax.execute(HttpRequest.get("receipts?limit=501")).close())
                    .isInstanceOf(ValidationException.class);

            assertThatThrownBy(() -> extension.afterEach(context)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("violated the OpenAPI contract 1 time(s)")
                    .hasMessageContaining("receipts (GET /receipts request)")
                    .hasMessageContaining("maximum");
        } finally {
            sandbox.clearContractViolations();
        }
        extension.afterEach(context);
    }

    @Test
    void recordsNothingForConformingTraffic(Sandbox sandbox) {
        int before = sandbox.contractViolations().size();
        try (HttpTransport tax = as(sandbox, TestDepartment.TAX.credentials());
                SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{}")) {
            assertThat(submit(tax, delivery(sealed)).status()).isEqualTo(202);
            try (HttpResponse feed = tax.execute(HttpRequest.get("receipts?after=0&limit=5"))) {
                assertThat(feed.status()).isEqualTo(200);
            }
        }
        assertThat(sandbox.contractViolations()).hasSize(before);
    }
}
