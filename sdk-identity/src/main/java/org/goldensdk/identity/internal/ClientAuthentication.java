package org.goldensdk.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.DepartmentCredentials;

/**
 * How this client proves who it is to the token and introspection endpoints: a client secret
 * ({@code client_secret_basic}) or an RFC 7523 assertion signed with the department's INTL key
 * ({@code private_key_jwt}; ES256 for P-256, RS256 for RSA). Immutable, thread-safe.
 */
public final class ClientAuthentication {

    /** The SDK's BouncyCastle instance for JOSE, handed to Nimbus explicitly and never registered. */
    public static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);

    private final String clientId;
    private final String basicHeader;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Base64URL certificateThumbprint;
    private final Clock clock;

    private ClientAuthentication(String clientId, String basicHeader, JWSSigner signer, JWSAlgorithm algorithm,
            Base64URL certificateThumbprint, Clock clock) {
        this.clientId = clientId;
        this.basicHeader = basicHeader;
        this.signer = signer;
        this.algorithm = algorithm;
        this.certificateThumbprint = certificateThumbprint;
        this.clock = clock;
    }

    /** {@code client_secret_basic}: both parts form-encoded before Base64, as RFC 6749 §2.3.1 requires. */
    public static ClientAuthentication secretBasic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return new ClientAuthentication(clientId, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                null, null, null, null);
    }

    /** {@code private_key_jwt} with the INTL key of {@code credentials}. */
    public static ClientAuthentication privateKeyJwt(String clientId, DepartmentCredentials credentials, Clock clock) {
        PrivateKey key = credentials.intlPrivateKey();
        JWSSigner signer;
        JWSAlgorithm algorithm;
        try {
            if (key instanceof ECPrivateKey ec) {
                algorithm = JWSAlgorithm.ES256;
                if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new ConfigurationException("privateKeyJwt", "the INTL key is an EC key on a curve other than P-256;"
                            + " private_key_jwt signs with ES256 (P-256) or RS256 (RSA)");
                }
                signer = new ECDSASigner(ec);
            } else if (key instanceof RSAPrivateKey rsa) {
                algorithm = JWSAlgorithm.RS256;
                signer = new RSASSASigner(rsa);
            } else {
                throw new ConfigurationException("privateKeyJwt", "the INTL key is a " + key.getAlgorithm()
                        + " key; private_key_jwt needs a P-256 (ES256) or RSA (RS256) key");
            }
        } catch (JOSEException e) {
            throw new ConfigurationException("privateKeyJwt", "the INTL key cannot sign JOSE: " + e.getMessage(), e);
        }
        signer.getJCAContext().setProvider(BOUNCY_CASTLE);
        X509Certificate certificate = credentials.intlCertificateChain().get(0);
        return new ClientAuthentication(clientId, null, signer, algorithm, thumbprint(certificate), clock);
    }

    /** The method's name as discovery lists it. */
    public String method() {
        return signer == null ? "client_secret_basic" : "private_key_jwt";
    }

    /** The client id. */
    public String clientId() {
        return clientId;
    }

    /** Adds this client's credentials to a request to {@code endpoint}: form fields and headers. */
    public void apply(URI endpoint, Map<String, String> form, Map<String, String> headers) {
        if (signer == null) {
            headers.put("Authorization", basicHeader);
            return;
        }
        form.put("client_id", clientId);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion(endpoint));
    }

    /** A fresh form holding {@code grantFields} then this client's credentials, and the headers to send. */
    public Map<String, String> form(URI endpoint, Map<String, String> grantFields, Map<String, String> headers) {
        Map<String, String> form = new LinkedHashMap<>(grantFields);
        apply(endpoint, form, headers);
        return form;
    }

    private String assertion(URI audience) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience.toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(certificateThumbprint.toString())
                .x509CertSHA256Thumbprint(certificateThumbprint).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new CryptoException("could not sign the client assertion with the INTL key: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static Base64URL thumbprint(X509Certificate certificate) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CryptoException("could not digest the INTL certificate: " + e.getMessage(), e);
        }
    }
}
