package org.goldensdk.cxf;

import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.Finding;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.Problem;
import org.goldensdk.core.TransportException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SOAP side of the SDK's one set of error codes. A served {@link SoapApi} answers every
 * failure with a fault whose detail is {@code <err:Error xmlns:err="urn:goldensdk:error:1">
 * <err:Code>E_…</err:Code><err:RequestId>…</err:RequestId></err:Error>}, the same code
 * problem+json carries, and for a validation or compliance failure one {@code <err:Finding>} (Field,
 * Rule, Message) per finding; a client turns such a fault back into the same typed exception as a REST
 * client would get for that code (through core's {@link Problem}).
 */
public final class SoapFaults {
    /** The namespace of the fault detail element {@code Error}. */
    public static final String NAMESPACE = "urn:goldensdk:error:1";

    private SoapFaults() {
    }

    /**
     * The typed exception for a fault with error code {@code code} (e.g. {@code E_SIGNATURE}; an
     * unknown or missing code gives {@link ErrorCode#INTERNAL}'s {@code RemoteException}).
     */
    public static GoldenException toException(String code, String message, String requestId) {
        return toException(code, message, requestId, List.of());
    }

    /**
     * The typed exception for a fault with error code {@code code} and the findings its detail
     * listed: a {@code ValidationException} or {@code ComplianceException} carries them, as it
     * would from problem+json.
     */
    public static GoldenException toException(String code, String message, String requestId, List<Finding> findings) {
        int status = ErrorCode.fromWireCode(code).map(ErrorCode::httpStatus).orElse(500);
        return new Problem("about:blank", "SOAP fault", status, message, null, code, requestId, findings).toException();
    }

    /**
     * The typed exception for what a JAX-WS call threw: a {@link SOAPFaultException} by the code in
     * its detail, any other web service failure (connection, TLS, timeout) as a retryable
     * {@link TransportException}; a {@link GoldenException} as itself.
     */
    public static GoldenException toException(Throwable thrown) {
        if (thrown instanceof GoldenException golden) {
            return golden;
        }
        if (thrown instanceof SOAPFaultException fault) {
            SOAPFault soapFault = fault.getFault();
            String code = null;
            String requestId = null;
            List<Finding> findings = new ArrayList<>();
            Detail detail = soapFault.getDetail();
            if (detail != null) {
                code = text(detail, "Code");
                requestId = text(detail, "RequestId");
                collectFindings(detail, findings);
            }
            return toException(code, soapFault.getFaultString(), requestId, findings);
        }
        if (thrown instanceof WebServiceException) {
            return new TransportException("the SOAP call failed before an answer arrived: " + thrown.getMessage(), thrown, true);
        }
        return new GoldenException(ErrorCode.INTERNAL, "the SOAP call failed: " + thrown, thrown);
    }

    private static void collectFindings(Node node, List<Finding> findings) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                if (NAMESPACE.equals(element.getNamespaceURI()) && "Finding".equals(element.getLocalName())) {
                    String field = text(element, "Field");
                    String rule = text(element, "Rule");
                    String message = text(element, "Message");
                    if (field != null && rule != null && message != null) {
                        findings.add(new Finding(field, rule, message));
                    }
                } else {
                    collectFindings(element, findings);
                }
            }
        }
    }

    private static String text(Node node, String localName) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                if (NAMESPACE.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                    return element.getTextContent().strip();
                }
                String nested = text(element, localName);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
