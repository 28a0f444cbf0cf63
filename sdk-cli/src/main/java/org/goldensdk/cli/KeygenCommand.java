package org.goldensdk.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code golden keygen}: a fresh key pair of one suite and a PKCS#10 certificate request for it,
 * the subject carrying the department's credit code in serialNumber as the platform CA expects.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate a key pair (GM: SM2; INTL: ECDSA P-256) and a PKCS#10 certificate request for it.",
                "Writes NAME.key.pem (PKCS#8, unencrypted: keep it safe) and NAME.csr.pem into the output directory.",
                "A department needs three: GM for signing, GM for encryption, INTL for TLS."})
final class KeygenCommand implements Callable<Integer> {
    private static final Provider BC = new BouncyCastleProvider();

    @Option(names = "--suite", defaultValue = "GM", paramLabel = "GM|INTL",
            description = "The algorithm family (default ${DEFAULT-VALUE}).")
    CryptoSuite suite;

    @Option(names = "--credit-code", required = true, paramLabel = "CODE",
            description = "The department's unified social credit code, written into the subject's serialNumber.")
    String creditCode;

    @Option(names = "--organisation", required = true, paramLabel = "NAME",
            description = "The department's name (subject O and CN), e.g. 国家税务总局武汉市税务局.")
    String organisation;

    @Option(names = "--unit", paramLabel = "OU", description = "An organisational unit for the subject, e.g. sign, enc or intl.")
    String unit;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "Where to write the files (default: here).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The files' base name (default: the suite in lower case).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CryptoSuite family = suite;
        CreditCode code = CreditCode.parse(creditCode);
        KeyPair keys = generate(family);
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, organisation);
        if (unit != null) {
            subject.addRDN(BCStyle.OU, unit);
        }
        X500Name name500 = subject.addRDN(BCStyle.SERIALNUMBER, code.value()).addRDN(BCStyle.CN, organisation).build();
        PKCS10CertificationRequest request = request(family, keys, name500);
        String base = name != null ? name : family.id().toLowerCase(Locale.ROOT);
        Path keyFile = out.resolve(base + ".key.pem");
        Path csrFile = out.resolve(base + ".csr.pem");
        try {
            Files.createDirectories(out);
            writePrivate(keyFile, pem(pkcs8(keys)));
            Files.writeString(csrFile, pem(request), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StorageException("cannot write the key and request into " + out.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("wrote " + keyFile + " (" + family.id() + " private key) and " + csrFile
                + " (certificate request for " + name500 + ")");
        return ExitCodes.OK;
    }

    private static KeyPair generate(CryptoSuite family) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(family == CryptoSuite.GM ? "sm2p256v1" : "secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot generate a " + family.id() + " key pair: " + e.getMessage(), e);
        }
    }

    private static PKCS10CertificationRequest request(CryptoSuite family, KeyPair keys, X500Name subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .build(new JcaContentSignerBuilder(family == CryptoSuite.GM ? "SM3WITHSM2" : "SHA256WITHECDSA")
                            .setProvider(BC).build(keys.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new CryptoException("cannot sign the certificate request: " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static JcaPKCS8Generator pkcs8(KeyPair keys) {
        try {
            return new JcaPKCS8Generator(keys.getPrivate(), null);
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new CryptoException("cannot encode the private key as PKCS#8: " + e.getMessage(), e);
        }
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new CryptoException("cannot write PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }
}
