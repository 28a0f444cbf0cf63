package org.goldensdk.cli;

import java.net.URI;
import java.nio.file.Path;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.TrustAnchors;
import picocli.CommandLine.Option;

/** Who the command acts as, and against which hub: the options {@code send} and {@code receipts} share. */
final class DepartmentOptions {
    /** The party of the sandbox's hub ({@code TestDepartment.EXCHANGE_PLATFORM}), the default issuer of ACCEPTED receipts. */
    static final String SANDBOX_HUB_PARTY = "CN/420100/11420100MB0000090J/hub";

    @Option(names = "--hub", required = true, paramLabel = "URL",
            description = "The exchange hub, e.g. https://127.0.0.1:8443/ (the REST API is under exchange/v1/ there).")
    URI hub;

    @Option(names = "--hub-party", paramLabel = "PARTY", defaultValue = SANDBOX_HUB_PARTY,
            description = "The hub's own party, the only issuer of ACCEPTED receipts (default: the sandbox's, ${DEFAULT-VALUE}).")
    PartyId hubParty;

    @Option(names = "--credentials", required = true, paramLabel = "P12",
            description = "The department's PKCS#12 file (aliases gm-sign, gm-enc, intl), e.g. tax.p12 from golden sandbox.")
    Path credentials;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:GOLDEN_PASSWORD}",
            description = "The PKCS#12 password (default: environment variable GOLDEN_PASSWORD; the sandbox's files use golden-dev).")
    String password;

    @Option(names = "--trust-anchors", required = true, paramLabel = "PEM",
            description = "The platform CA's certificates (PEM), e.g. trust-anchors.pem from golden sandbox.")
    Path trustAnchors;

    /** The department's credentials; ConfigurationException (exit 3) for a missing file or a wrong password. */
    DepartmentCredentials loadCredentials() {
        if (password == null) {
            throw new CommandFailure(ExitCodes.USAGE, "no password for " + credentials
                    + ": give --password or set GOLDEN_PASSWORD");
        }
        return DepartmentCredentials.fromPkcs12(credentials, password.toCharArray());
    }

    /** The platform's trust anchors; ConfigurationException (exit 3) for a file that cannot be read. */
    TrustAnchors loadTrustAnchors() {
        return TrustAnchors.fromPem(trustAnchors);
    }
}
