package org.goldensdk.interop.metro;

import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.soap.SOAPMessage;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The WS-Security header the hub requires, added by a JAX-WS handler the way a
 * vendor on Metro would write it (a plain {@link jakarta.xml.ws.handler.soap.SOAPHandler}), with nothing but the JDK's {@code javax.xml.crypto.dsig}:
 * {@code wsse:Security} holding a {@code BinarySecurityToken} (the department's INTL certificate,
 * X509v3), a {@code wsu:Timestamp} and an XML signature by the INTL key over {@code soap:Body} and
 * the Timestamp (exclusive C14N, SHA-256, ECDSA-SHA256 or RSA-SHA256 by the key's algorithm).
 * Outbound messages only; thread-safe (each message is signed on its own).
 */
final class WsSecurityHandler extends OutboundHandler {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String X509_V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    private static final String BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Clock clock;
    private final Duration lifetime;
    private final boolean timestamp;

    private WsSecurityHandler(PrivateKey key, X509Certificate certificate, Clock clock, Duration lifetime, boolean timestamp) {
        this.key = key;
        this.certificate = certificate;
        this.clock = clock;
        this.lifetime = lifetime;
        this.timestamp = timestamp;
    }

    /** Signs Body and a Timestamp valid for {@code lifetime} (the hub accepts at most 5 minutes). */
    static WsSecurityHandler signing(PrivateKey key, X509Certificate certificate, Clock clock, Duration lifetime) {
        return new WsSecurityHandler(key, certificate, clock, lifetime, true);
    }

    /** A broken sender for the refusal tests: signs the Body but adds no Timestamp. */
    static WsSecurityHandler signingWithoutTimestamp(PrivateKey key, X509Certificate certificate, Clock clock) {
        return new WsSecurityHandler(key, certificate, clock, Duration.ZERO, false);
    }

    @Override
    protected void outbound(SOAPMessage message) throws SOAPException, GeneralSecurityException, MarshalException,
            XMLSignatureException {
        SOAPEnvelope envelope = message.getSOAPPart().getEnvelope();
        SOAPHeader header = envelope.getHeader() != null ? envelope.getHeader() : envelope.addHeader();
        SOAPHeaderElement security = header.addHeaderElement(new QName(WSSE, "Security", "wsse"));
        security.setMustUnderstand(true);
        security.addNamespaceDeclaration("wsu", WSU);

        String tokenId = "X509-" + UUID.randomUUID();
        SOAPElement token = security.addChildElement("BinarySecurityToken", "wsse");
        token.setAttribute("EncodingType", BASE64);
        token.setAttribute("ValueType", X509_V3);
        token.setAttributeNS(WSU, "wsu:Id", tokenId);
        token.addTextNode(Base64.getEncoder().encodeToString(certificate.getEncoded()));

        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        DOMSignContext signing = new DOMSignContext(key, security);
        List<Reference> references = new ArrayList<>();
        if (timestamp) {
            String timestampId = "TS-" + UUID.randomUUID();
            Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            SOAPElement stamp = security.addChildElement("Timestamp", "wsu", WSU);
            stamp.setAttributeNS(WSU, "wsu:Id", timestampId);
            stamp.addChildElement("Created", "wsu", WSU).addTextNode(created.toString());
            stamp.addChildElement("Expires", "wsu", WSU).addTextNode(created.plus(lifetime).toString());
            signing.setIdAttributeNS(stamp, WSU, "Id");
            references.add(reference(signatures, timestampId));
        }
        SOAPBody body = envelope.getBody();
        String bodyId = "Body-" + UUID.randomUUID();
        body.addNamespaceDeclaration("wsu", WSU);
        body.setAttributeNS(WSU, "wsu:Id", bodyId);
        signing.setIdAttributeNS(body, WSU, "Id");
        references.add(reference(signatures, bodyId));

        SignedInfo signedInfo = signatures.newSignedInfo(
                signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                signatures.newSignatureMethod("EC".equals(key.getAlgorithm()) ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256, null),
                references);
        signatures.newXMLSignature(signedInfo, keyInfo(signatures, message.getSOAPPart(), tokenId)).sign(signing);
    }

    private static Reference reference(XMLSignatureFactory signatures, String id) throws GeneralSecurityException {
        return signatures.newReference("#" + id, signatures.newDigestMethod(DigestMethod.SHA256, null),
                List.<Transform>of(signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
    }

    /** {@code wsse:SecurityTokenReference} pointing at the BinarySecurityToken (direct reference). */
    private static KeyInfo keyInfo(XMLSignatureFactory signatures, Document document, String tokenId) {
        Element reference = document.createElementNS(WSSE, "wsse:Reference");
        reference.setAttribute("URI", "#" + tokenId);
        reference.setAttribute("ValueType", X509_V3);
        Element tokenReference = document.createElementNS(WSSE, "wsse:SecurityTokenReference");
        tokenReference.appendChild(reference);
        return signatures.getKeyInfoFactory().newKeyInfo(List.of(new DOMStructure(tokenReference)));
    }
}
