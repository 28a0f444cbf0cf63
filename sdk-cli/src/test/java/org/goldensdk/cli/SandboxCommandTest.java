package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {

    @Test
    void theSandboxStartsPrintsWhereEverythingIsAndWritesUsableCredentials(@TempDir Path dir) {
        CliRun run = CliRun.of("sandbox", "--exit", "--credentials", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("hub:         https://127.0.0.1:", "credentials: " + dir.toAbsolutePath(),
                TestDepartment.TAX.partyId() + " -> " + TestDepartment.CUSTOMS.partyId(), "golden send --hub");
        assertThat(DepartmentCredentials.fromPkcs12(dir.resolve("tax.p12"), TestCredentials.PKCS12_PASSWORD.toCharArray())
                .creditCode()).isEqualTo(TestDepartment.TAX.creditCode());
        assertThat(CertificateAuthority.load(dir.resolve("ca.p12"), TestCredentials.PKCS12_PASSWORD.toCharArray()).gmRoot())
                .isEqualTo(TestCredentials.authority().gmRoot());
    }

    @Test
    void aPortOutOfRangeIsALocalConfigurationError() {
        CliRun run = CliRun.of("sandbox", "--exit", "--port", "70000", "--credentials", "target/unused");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.LOCAL);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("port");
    }
}
