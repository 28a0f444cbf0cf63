package org.goldensdk.cxf;

import jakarta.jws.WebService;
import java.util.List;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.Finding;

/** A code-first service that refuses every text with two compliance findings. */
@WebService(targetNamespace = "urn:test:refusing", serviceName = "RefusingService", portName = "RefusingPort")
public class RefusingService {
    static final List<Finding> FINDINGS = List.of(new Finding("html", "html.unsafe", "a <script> element was removed"),
            new Finding("attachment 'a.xlsx' sheet '名单' cell B3", "personalData.CITIZEN_ID",
                    "a citizen ID (110105********002X)"));

    public String judge(String text) {
        throw new ComplianceException(FINDINGS);
    }
}
