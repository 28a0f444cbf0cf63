package org.goldensdk.sandbox;

import java.util.List;
import java.util.Objects;
import org.goldensdk.core.PartyId;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.testkit.TestDepartment;

/**
 * A right granted by the platform: {@code sender} may call {@code service} of {@code receiver}.
 * The hub routes nothing else. Immutable.
 *
 * @param sender the calling party
 * @param receiver the providing party
 * @param service the service, name and version
 */
public record AccessRight(PartyId sender, PartyId receiver, ServiceId service) {

    /** The company-status query tax answers customs. */
    public static final ServiceId TAX_COMPANY_STATUS = ServiceId.of("tax.company-status", 1);
    /** The declaration check customs answers tax. */
    public static final ServiceId CUSTOMS_DECLARATION_CHECK = ServiceId.of("customs.declaration-check", 1);
    /** A business licence application in parallel approval (并联审批). */
    public static final ServiceId BUSINESS_LICENCE_APPROVAL = ServiceId.of("approval.business-licence", 1);

    /** Checks presence. */
    public AccessRight {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(service, "service");
    }

    /**
     * The sandbox's default rights between the {@link TestDepartment}s:
     * <ul>
     * <li>TAX → CUSTOMS {@code tax.company-status/1} (tax sends customs a company's status);</li>
     * <li>CUSTOMS → TAX {@code customs.declaration-check/1};</li>
     * <li>SERVICE_CENTRE → MARKET_REGULATION, TAX and FIRE {@code approval.business-licence/1}
     * (the service centre fans a licence application out to the approving departments).</li>
     * </ul>
     */
    public static List<AccessRight> defaults() {
        return List.of(
                of(TestDepartment.TAX, TestDepartment.CUSTOMS, TAX_COMPANY_STATUS),
                of(TestDepartment.CUSTOMS, TestDepartment.TAX, CUSTOMS_DECLARATION_CHECK),
                of(TestDepartment.SERVICE_CENTRE, TestDepartment.MARKET_REGULATION, BUSINESS_LICENCE_APPROVAL),
                of(TestDepartment.SERVICE_CENTRE, TestDepartment.TAX, BUSINESS_LICENCE_APPROVAL),
                of(TestDepartment.SERVICE_CENTRE, TestDepartment.FIRE, BUSINESS_LICENCE_APPROVAL));
    }

    /** The right between two test departments' parties. */
    public static AccessRight of(TestDepartment sender, TestDepartment receiver, ServiceId service) {
        return new AccessRight(sender.partyId(), receiver.partyId(), service);
    }
}
