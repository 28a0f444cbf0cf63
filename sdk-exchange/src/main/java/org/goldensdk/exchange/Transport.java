package org.goldensdk.exchange;

/**
 * How an {@link ExchangeClient} talks to its hub. Either way the same signed envelope, outbox,
 * retries and receipts; only the wire differs.
 */
public enum Transport {
    /** JSON over HTTPS, docs/exchange/openapi.yaml (the default). */
    REST,
    /**
     * SOAP 1.1 over HTTPS, docs/exchange/exchange-service.wsdl, with a WS-Security signature by the
     * department's INTL certificate and MTOM for payload and attachments. Needs sdk-cxf on the
     * class path (docs/exchange-soap.md).
     */
    SOAP
}
