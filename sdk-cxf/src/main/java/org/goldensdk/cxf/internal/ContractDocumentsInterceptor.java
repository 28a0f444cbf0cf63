package org.goldensdk.cxf.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.regex.Pattern;
import org.apache.cxf.frontend.WSDLGetInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.goldensdk.core.NotFoundException;

/**
 * Answers {@code GET ?wsdl} with exactly the bytes of the contract (CXF would rewrite addresses
 * and imports) and {@code GET ?xsd=name} with a document beside it, such as the schema the WSDL
 * imports by a relative location. Only plain file names are served, nothing above the contract's
 * directory.
 */
final class ContractDocumentsInterceptor extends AbstractPhaseInterceptor<Message> {
    private static final Pattern DOCUMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.(xsd|wsdl)");

    private final URL wsdl;

    ContractDocumentsInterceptor(URL wsdl) {
        super(Phase.READ);
        addBefore(WSDLGetInterceptor.class.getName());
        this.wsdl = wsdl;
    }

    @Override
    public void handleMessage(Message message) {
        String query = (String) message.get(Message.QUERY_STRING);
        if (!"GET".equals(message.get(Message.HTTP_REQUEST_METHOD)) || query == null) {
            return;
        }
        URL document;
        if ("wsdl".equalsIgnoreCase(query)) {
            document = wsdl;
        } else if (query.startsWith("xsd=") && DOCUMENT.matcher(query.substring(4)).matches()) {
            try {
                document = new URL(wsdl, query.substring(4));
            } catch (MalformedURLException e) {
                throw new Fault(new NotFoundException("no such contract document: " + query.substring(4)));
            }
        } else {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        try (InputStream in = document.openStream()) {
            byte[] bytes = in.readAllBytes();
            response.setStatus(200);
            response.setContentType("text/xml;charset=UTF-8");
            response.setContentLength(bytes.length);
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new Fault(new NotFoundException("no such contract document: " + query));
        }
        message.getInterceptorChain().abort();
    }
}
