package org.goldensdk.cxf;

import jakarta.jws.WebService;
import java.util.concurrent.atomic.AtomicInteger;

/** A code-first service that counts its calls. */
@WebService(targetNamespace = "urn:test:echo", serviceName = "EchoService", portName = "EchoPort")
public class EchoService {
    final AtomicInteger calls = new AtomicInteger();

    public String echo(String text) {
        calls.incrementAndGet();
        return text;
    }
}
