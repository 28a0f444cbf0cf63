package org.goldensdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.goldensdk.core.CertificatePurpose;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestCredentialsTest {
    private static final Instant SOME_TIME = Instant.parse("2031-06-15T00:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDepartment.class)
    void everyDepartmentHasCredentialsThatValidateAgainstTheSharedAnchors(TestDepartment department) {
        DepartmentCredentials credentials = department.credentials();

        assertThat(credentials.creditCode()).isEqualTo(department.creditCode());
        assertThat(department.partyId()).hasToString("CN/420100/" + department.creditCode().value() + "/" + department.systemCode());
        assertThatCode(() -> TestCredentials.trustAnchors().validate(credentials.signer(CryptoSuite.GM).certificateChain(),
                CertificatePurpose.SIGNING, SOME_TIME)).doesNotThrowAnyException();
    }

    @Test
    void credentialsAreIssuedOncePerJvmEvenUnderConcurrentFirstUse() {
        List<CompletableFuture<DepartmentCredentials>> racing = Stream.generate(
                () -> CompletableFuture.supplyAsync(() -> TestCredentials.of(TestDepartment.FIRE))).limit(8).toList();
        List<DepartmentCredentials> results = racing.stream().map(CompletableFuture::join).toList();

        assertThat(results).allSatisfy(credentials -> assertThat(credentials).isSameAs(TestDepartment.FIRE.credentials()));
        assertThat(TestCredentials.authority()).isSameAs(TestCredentials.authority());
    }

    @Test
    void theToolWritesAnchorsAndOnePkcs12PerDepartment(@TempDir Path dir) {
        DevCredentialsTool.main(new String[] {dir.toString()});
        TrustAnchors anchors = TrustAnchors.fromPem(dir.resolve("trust-anchors.pem"));
        DepartmentCredentials customs = DepartmentCredentials.fromPkcs12(dir.resolve("customs.p12"),
                TestCredentials.PKCS12_PASSWORD.toCharArray());

        assertThat(Stream.of(TestDepartment.values()).map(d -> d.name().toLowerCase().replace('_', '-') + ".p12"))
                .allSatisfy(name -> assertThat(Files.exists(dir.resolve(name))).as(name).isTrue());
        assertThat(customs.creditCode()).isEqualTo(TestDepartment.CUSTOMS.creditCode());
        assertThatCode(() -> anchors.validate(customs.signer(CryptoSuite.INTL).certificateChain(), CertificatePurpose.TLS_SERVER,
                SOME_TIME)).doesNotThrowAnyException();
        assertThat(anchors.certificates()).hasSize(2);
    }
}
