package org.goldensdk.cxf.internal;

import jakarta.servlet.http.HttpServletRequest;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.Finding;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.Problem;
import org.goldensdk.core.SafeXml;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.SignatureException;
import org.goldensdk.cxf.SoapFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Turns every fault a SOAP endpoint answers into one carrying the SDK's error code: faultcode
 * Client/Sender for the caller's mistakes, Server/Receiver otherwise; faultstring the same
 * detail as problem+json (generic for internal failures, which are logged with the request id);
 * detail {@code <err:Error><err:Code>E_…</err:Code><err:RequestId>…</err:RequestId></err:Error>}, with
 * one {@code <err:Finding><err:Field/><err:Rule/><err:Message/></err:Finding>} per finding of a
 * validation or compliance failure (the {@code findings} of problem+json).
 */
final class SoapFaultMapper extends AbstractSoapInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(SoapFaultMapper.class);
    private static final int MAX_CAUSE_DEPTH = 16;
    private static final DocumentBuilderFactory DOCUMENTS = SafeXml.documentBuilderFactory(CodecLimits.defaults());

    SoapFaultMapper() {
        super(Phase.PRE_STREAM);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception thrown = message.getContent(Exception.class);
        if (thrown == null) {
            return;
        }
        String requestId = requestId(message);
        Failures.Answer answer = classify(thrown);
        if (answer.isServerFault()) {
            LOG.error("SOAP request {} failed unexpectedly", requestId, RedactedThrowable.of(thrown));
        } else {
            LOG.debug("SOAP request {} refused: {}", requestId, answer.exception().code().wireCode());
        }
        Problem problem = answer.problem(requestId);
        SoapFault fault = new SoapFault(Failures.redact(problem.detail()),
                answer.isServerFault() ? Fault.FAULT_CODE_SERVER : Fault.FAULT_CODE_CLIENT);
        fault.setDetail(detail(problem, requestId));
        fault.setStatusCode(500);
        message.setContent(Exception.class, fault);
    }

    private static Failures.Answer classify(Throwable thrown) {
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof GoldenException golden) {
                return new Failures.Answer(golden, golden.code().httpStatus());
            }
            if (cause instanceof BoundedInputStream.LimitExceededException tooLarge) {
                return new Failures.Answer(MalformedInputException.tooLarge("the request body", tooLarge.limit()), 413);
            }
            if (cause instanceof WSSecurityException wss) {
                GoldenException refusal = wss.getErrorCode() == WSSecurityException.ErrorCode.FAILED_CHECK
                        ? new SignatureException("the WS-Security signature does not verify: the signed Body or Timestamp"
                                + " was changed, or the signature is malformed")
                        : new AuthenticationException("WS-Security refused the message: " + Failures.redact(String.valueOf(
                                wss.getMessage())) + "; sign Body and Timestamp with a certificate the receiver trusts");
                return new Failures.Answer(refusal, refusal.code().httpStatus());
            }
            if (cause instanceof XMLStreamException || cause instanceof org.xml.sax.SAXException
                    || cause instanceof jakarta.xml.bind.UnmarshalException) {
                return new Failures.Answer(new MalformedInputException("the SOAP message is not acceptable XML for this"
                        + " service (no DTDs or entities; depth, attributes, text and size are limited; the WSDL's"
                        + " schema applies)", null), 400);
            }
        }
        if (thrown instanceof Fault fault && Fault.FAULT_CODE_CLIENT.equals(fault.getFaultCode())) {
            return new Failures.Answer(new MalformedInputException("the SOAP request does not match the service's contract: "
                    + Failures.redact(String.valueOf(fault.getMessage())), null), 400);
        }
        return Failures.classify(thrown);
    }

    private static Element detail(Problem problem, String requestId) {
        try {
            Document document = DOCUMENTS.newDocumentBuilder().newDocument();
            Element detail = document.createElement("detail");
            Element error = document.createElementNS(SoapFaults.NAMESPACE, "err:Error");
            detail.appendChild(error);
            error.appendChild(document.createElementNS(SoapFaults.NAMESPACE, "err:Code")).setTextContent(problem.code());
            error.appendChild(document.createElementNS(SoapFaults.NAMESPACE, "err:RequestId")).setTextContent(requestId);
            for (Finding found : problem.findings()) {
                Element finding = document.createElementNS(SoapFaults.NAMESPACE, "err:Finding");
                error.appendChild(finding);
                finding.appendChild(document.createElementNS(SoapFaults.NAMESPACE, "err:Field")).setTextContent(found.field());
                finding.appendChild(document.createElementNS(SoapFaults.NAMESPACE, "err:Rule")).setTextContent(found.rule());
                finding.appendChild(document.createElementNS(SoapFaults.NAMESPACE, "err:Message"))
                        .setTextContent(found.message());
            }
            return detail;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM cannot make a document", e);
        }
    }

    private static String requestId(SoapMessage message) {
        Object request = message.getExchange().getInMessage() == null ? null
                : message.getExchange().getInMessage().get(AbstractHTTPDestination.HTTP_REQUEST);
        String offered = request instanceof HttpServletRequest http ? http.getHeader(HttpRequest.REQUEST_ID_HEADER) : null;
        return RequestIds.acceptOrCreate(offered);
    }
}
