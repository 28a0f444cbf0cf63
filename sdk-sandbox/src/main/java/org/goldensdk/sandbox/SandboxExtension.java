package org.goldensdk.sandbox;

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
 */
public final class SandboxExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

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

    /** The JVM's shared sandbox, started on first use and closed (by JUnit, as an AutoCloseable) when the run ends. */
    public static Sandbox shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Sandbox.class, type -> Sandbox.builder().defaultRights().start(), Sandbox.class);
    }
}
