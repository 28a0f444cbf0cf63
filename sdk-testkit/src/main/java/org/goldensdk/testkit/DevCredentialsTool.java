package org.goldensdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes development credentials into a directory: {@code trust-anchors.pem} (GM and INTL roots),
 * {@code gm-root.pem}, {@code intl-root.pem} and one {@code <department>.p12} per
 * {@link TestDepartment} (aliases {@code gm-sign}, {@code gm-enc}, {@code intl}; password
 * {@value TestCredentials#PKCS12_PASSWORD}). Each run makes a new CA: keep the files of one run together.
 *
 * <p>Run: {@code mvn -q -pl sdk-testkit -am compile exec:java -Dexec.args=target/dev-credentials}
 */
public final class DevCredentialsTool {
    private DevCredentialsTool() {
    }

    /** Writes the files into {@code args[0]} (default {@code target/dev-credentials}), creating it if needed. */
    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/dev-credentials").toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        CertificateAuthority authority = TestCredentials.authority();
        authority.writeTrustAnchorsPem(directory.resolve("trust-anchors.pem"));
        write(directory.resolve("gm-root.pem"), CertificateAuthority.pem(authority.gmRoot()));
        write(directory.resolve("intl-root.pem"), CertificateAuthority.pem(authority.intlRoot()));
        for (TestDepartment department : TestDepartment.values()) {
            Path file = directory.resolve(department.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".p12");
            CertificateAuthority.writePkcs12(department.credentials(), file, TestCredentials.PKCS12_PASSWORD.toCharArray());
            System.out.println(file.getFileName() + "  " + department.partyId() + "  " + department.organisation());
        }
        System.out.println("wrote development credentials to " + directory + " (PKCS#12 password: "
                + TestCredentials.PKCS12_PASSWORD + ")");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
