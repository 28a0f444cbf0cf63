package org.goldensdk.sandbox;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts ONE in-process {@link Sandbox} per test JVM — on first use, in
 * the root extension context's store, closed when the test run ends — and injects it into test
 * constructors, lifecycle and test methods that take a {@code Sandbox} parameter:
 *
 * <pre>{@code
 * @ExtendWith(SandboxExtension.class)
 * class TaxSendsToCustomsTest {
 *     @Test
 *     void customsReceivesTheStatus(Sandbox sandbox) {
 *         ExchangeClient.builder().hub(sandbox.hubUri()).trustAnchors(sandbox.trustAnchors())...
 *     }
 * }
 * }</pre>
 *
 * The shared sandbox has every {@code TestDepartment} registered with its certificates and the
 * rights of {@link AccessRight#defaults()}: TAX → CUSTOMS {@code tax.company-status/1}, CUSTOMS →
 * TAX {@code customs.declaration-check/1}, SERVICE_CENTRE → MARKET_REGULATION, TAX and FIRE
 * {@code approval.business-licence/1}. It is shared by every test class of the JVM: rights and
 * endpoints a test adds stay for the others, so use fresh message ids, and do not close it.
 *
 * <p>The shared sandbox checks its traffic against the exchange's OpenAPI document (see
 * {@link Sandbox#contractViolations()}), and a test during which a request or answer of the hub or
 * of its pushes violated the document <b>fails</b>, listing the violations. A test that provokes
 * violations on purpose clears them with {@link Sandbox#clearContractViolations()}. The JUnit
 * configuration parameter (or system property) {@value #CONTRACT_PARAMETER} chooses the document: a
 * file path, or {@code none} to turn the check off; by default it is the document bundled with the
 * sandbox.
 */
public final class SandboxExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
    /** The configuration parameter naming the OpenAPI document to check against, or {@code none}. */
    public static final String CONTRACT_PARAMETER = "golden.sandbox.contract";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);
    private static final String CONTRACT_MARK = "contractMark";

    /** Resolves parameters of type {@link Sandbox}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    /** The JVM's shared sandbox, started on first use. */
    @Override
    public Sandbox resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** Marks where the test starts among the shared sandbox's (if started) contract violations. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Sandbox sandbox = context.getRoot().getStore(NAMESPACE).get(Sandbox.class, Sandbox.class);
        context.getStore(NAMESPACE).put(CONTRACT_MARK, sandbox == null ? 0L : sandbox.contractMark());
    }

    /** Fails the test if the shared sandbox saw contract violations during it. */
    @Override
    public void afterEach(ExtensionContext context) {
        Sandbox sandbox = context.getRoot().getStore(NAMESPACE).get(Sandbox.class, Sandbox.class);
        if (sandbox == null) {
            return;
        }
        Long mark = context.getStore(NAMESPACE).get(CONTRACT_MARK, Long.class);
        List<String> fresh = sandbox.contractViolationsSince(mark == null ? 0L : mark);
        if (!fresh.isEmpty()) {
            throw new AssertionError("the traffic of this test violated the OpenAPI contract " + fresh.size()
                    + " time(s):\n  " + String.join("\n  ", fresh));
        }
    }

    /** The JVM's shared sandbox, started on first use and closed (by JUnit, as an AutoCloseable) when the run ends. */
    public static Sandbox shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Sandbox.class, type -> start(context), Sandbox.class);
    }

    private static Sandbox start(ExtensionContext context) {
        Sandbox.Builder builder = Sandbox.builder().defaultRights();
        String document = context.getConfigurationParameter(CONTRACT_PARAMETER).orElse("").strip();
        if (document.isEmpty()) {
            builder.checkContract();
        } else if (!"none".equals(document)) {
            builder.checkContract(Path.of(document));
        }
        return builder.start();
    }
}
