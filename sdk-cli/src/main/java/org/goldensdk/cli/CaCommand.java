package org.goldensdk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.StorageException;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.CertificateRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code golden ca init|issue}: the development CA of sdk-testkit, kept in a PKCS#12 file. Never for production. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = {"The development certificate authority (sdk-testkit) — never for production.",
                "golden sandbox writes the sandbox's own CA as ca.p12 next to the credentials, so certificates it issues"
                        + " chain to the sandbox's trust anchors."},
        subcommands = {CaCommand.InitCommand.class, CaCommand.IssueCommand.class})
final class CaCommand {
    /** The CA's file name in a credentials directory, as {@code golden ca init} and {@code golden sandbox} write it. */
    static final String CA_FILE = "ca.p12";

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create a new development CA: DIR/ca.p12 (root keys) and DIR/trust-anchors.pem (GM and INTL roots).")
    static final class InitCommand implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the CA.")
        Path out;
        @Option(names = "--password", required = true, paramLabel = "PASSWORD", description = "Protects ca.p12.")
        String password;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CertificateAuthority authority = CertificateAuthority.create();
            Path caFile = out.resolve(CA_FILE);
            Path anchors = out.resolve("trust-anchors.pem");
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new StorageException("cannot create " + out.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            authority.save(caFile, password.toCharArray());
            authority.writeTrustAnchorsPem(anchors);
            spec.commandLine().getOut().println("wrote " + caFile + " (development CA, root keys inside) and " + anchors);
            return ExitCodes.OK;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a certificate for a certificate request (from golden keygen); writes the certificate"
                    + " followed by its root, PEM.")
    static final class IssueCommand implements Callable<Integer> {
        @Option(names = "--ca", required = true, paramLabel = "P12", description = "The CA file (ca.p12 from golden sandbox or golden ca init).")
        Path caFile;
        @Option(names = "--password", required = true, paramLabel = "PASSWORD",
                description = "The CA file's password (golden-dev for the sandbox's).")
        String password;
        @Option(names = "--csr", required = true, paramLabel = "PEM", description = "The certificate request.")
        Path csr;
        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "Which certificate: ${COMPLETION-CANDIDATES}.")
        CertificateRole role;
        @Option(names = "--out", required = true, paramLabel = "PEM", description = "Where to write the certificate chain.")
        Path out;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String request;
            try {
                request = Files.readString(csr, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new StorageException("cannot read the certificate request " + csr + ": " + e.getMessage(), e);
            }
            CertificateAuthority authority = CertificateAuthority.load(caFile, password.toCharArray());
            X509Certificate certificate = authority.issue(request, role);
            X509Certificate root = role.suite() == org.goldensdk.core.CryptoSuite.GM ? authority.gmRoot() : authority.intlRoot();
            try {
                Files.writeString(out, CertificateAuthority.pem(certificate) + CertificateAuthority.pem(root), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new StorageException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("issued " + role + " certificate " + Certificates.subject(certificate)
                    + ", serial " + certificate.getSerialNumber().toString(16) + ", valid until " + certificate.getNotAfter().toInstant()
                    + "; wrote " + out);
            return ExitCodes.OK;
        }
    }
}
