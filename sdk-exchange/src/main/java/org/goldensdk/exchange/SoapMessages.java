package org.goldensdk.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.soap.Acknowledge;
import org.goldensdk.exchange.soap.DeliverResponse;
import org.goldensdk.exchange.soap.DeliveryType;
import org.goldensdk.exchange.soap.ReceiptEntryType;
import org.goldensdk.exchange.soap.ReceiptPageType;
import org.goldensdk.exchange.soap.SubmitResponse;

/**
 * Converts between the SDK's exchange objects and the classes generated from
 * {@code docs/exchange/exchange-service.wsdl} (package {@code org.goldensdk.exchange.soap}), for a
 * server or client of the SOAP service. The envelope's and receipts' header strings are carried
 * unchanged, so the signature made for one encoding verifies in the other. Nothing is verified
 * here: verify with {@link EnvelopeVerifier} before acting. Thread-safe.
 */
public final class SoapMessages {
    private static final JsonCodec JSON = JsonCodec.of();
    private static final String OCTETS = "application/octet-stream";

    private SoapMessages() {
    }

    /** The SOAP form of {@code delivery}; its parts are streamed from their contents when written (MTOM). */
    public static DeliveryType toSoap(Delivery delivery) {
        DeliveryType soap = new DeliveryType();
        soap.setEnvelope(XmlEnvelopeFormat.toXml(delivery.envelope()));
        soap.setPayload(dataHandler(delivery.payload()));
        delivery.attachments().forEach(attachment -> soap.getAttachment().add(dataHandler(attachment)));
        return soap;
    }

    /**
     * The delivery of a SOAP form: the payload read into memory (at most {@code maxPayloadBytes}),
     * each attachment left where the SOAP stack put it (an MTOM part beyond 1 MiB is a temporary
     * file) and streamed from there when opened, never read into memory here. An attachment's
     * {@link Content#size()} is the size the envelope's manifest declares; nothing is verified here,
     * so read the attachments through {@link EnvelopeVerifier#attachment}, which checks digest and size.
     *
     * @throws MalformedInputException if the envelope is missing, the payload is larger than the
     *     limit, or the delivery carries attachments but not one per manifest entry
     */
    public static Delivery fromSoap(DeliveryType soap, long maxPayloadBytes) {
        if (soap == null || soap.getPayload() == null) {
            throw new MalformedInputException("a Delivery holds an Envelope and a Payload", null);
        }
        Envelope envelope = XmlEnvelopeFormat.fromXml(soap.getEnvelope());
        List<AttachmentInfo> manifest = envelope.header().attachments();
        List<DataHandler> parts = soap.getAttachment();
        if (!parts.isEmpty() && parts.size() != manifest.size()) {
            throw new MalformedInputException("the envelope lists " + manifest.size() + " attachments but the Delivery"
                    + " carries " + parts.size() + "; carry one Attachment per manifest entry, in manifest order", null);
        }
        List<Content> attachments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            DataHandler part = parts.get(i);
            attachments.add(Content.streamed(() -> open(part), manifest.get(i).size()));
        }
        return new Delivery(envelope, payload(soap.getPayload(), maxPayloadBytes), attachments);
    }

    /** The answer to a submission: whether the hub newly stored the message, and its ACCEPTED receipt. */
    public static SubmitResponse submitted(boolean stored, Receipt accepted) {
        SubmitResponse response = new SubmitResponse();
        response.setStored(stored);
        response.setReceipt(XmlEnvelopeFormat.toXml(accepted));
        return response;
    }

    /** The ACCEPTED receipt of a submission's answer. */
    public static Receipt accepted(SubmitResponse response) {
        return XmlEnvelopeFormat.fromXml(response.getReceipt());
    }

    /** The receipts an acknowledgement carries. */
    public static List<Receipt> receipts(Acknowledge acknowledge) {
        return acknowledge.getReceipt().stream().map(XmlEnvelopeFormat::fromXml).toList();
    }

    /** An acknowledgement carrying {@code receipts}. */
    public static Acknowledge acknowledge(List<Receipt> receipts) {
        Acknowledge acknowledge = new Acknowledge();
        receipts.forEach(receipt -> acknowledge.getReceipt().add(XmlEnvelopeFormat.toXml(receipt)));
        return acknowledge;
    }

    /** A receiver's answer to a pushed delivery ({@code Deliver}): its receipts. */
    public static DeliverResponse delivered(List<Receipt> receipts) {
        DeliverResponse response = new DeliverResponse();
        receipts.forEach(receipt -> response.getReceipt().add(XmlEnvelopeFormat.toXml(receipt)));
        return response;
    }

    /** The receipts of a receiver's answer to a pushed delivery. */
    public static List<Receipt> receipts(DeliverResponse response) {
        return response.getReceipt().stream().map(XmlEnvelopeFormat::fromXml).toList();
    }

    /**
     * The SOAP form of a receipt page in the REST API's JSON ({@code {"receipts":[{"position","receipt"}],"last"}}).
     *
     * @throws MalformedInputException if {@code pageJson} is not such a page
     */
    public static ReceiptPageType receiptPage(byte[] pageJson) {
        JsonNode page = JSON.readTree(pageJson);
        ReceiptPageType soap = new ReceiptPageType();
        for (JsonNode item : page.path("receipts")) {
            ReceiptEntryType entry = new ReceiptEntryType();
            entry.setPosition(item.path("position").asText());
            entry.setReceipt(XmlEnvelopeFormat.toXml(EnvelopeCodec.json().decodeReceipt(JSON.write(item.get("receipt")))));
            soap.getEntry().add(entry);
        }
        soap.setLast(page.path("last").asText());
        return soap;
    }

    /** The REST API's JSON form of a SOAP receipt page, as the client's receipt feed reads it. */
    public static byte[] receiptPageJson(ReceiptPageType soap) {
        StringBuilder json = new StringBuilder("{\"receipts\":[");
        for (int i = 0; i < soap.getEntry().size(); i++) {
            ReceiptEntryType entry = soap.getEntry().get(i);
            json.append(i == 0 ? "" : ",").append("{\"position\":").append(text(entry.getPosition())).append(",\"receipt\":")
                    .append(new String(EnvelopeCodec.json().encode(XmlEnvelopeFormat.fromXml(entry.getReceipt())),
                            java.nio.charset.StandardCharsets.UTF_8)).append('}');
        }
        return json.append("],\"last\":").append(text(soap.getLast())).append('}').toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(String value) {
        return new String(JSON.write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static DataHandler dataHandler(Content content) {
        return new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return content.open();
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("a carried part is read-only");
            }

            @Override
            public String getContentType() {
                return OCTETS;
            }

            @Override
            public String getName() {
                return "part";
            }
        });
    }

    private static Content payload(DataHandler handler, long maxBytes) {
        try (InputStream in = open(handler)) {
            return Content.of(BoundedInputStream.readAll(in, maxBytes, "a carried payload"));
        } catch (IOException e) {
            throw new StorageException("cannot read a carried payload: " + e.getMessage(), e);
        }
    }

    private static InputStream open(DataHandler part) {
        try {
            return part.getInputStream();
        } catch (IOException e) {
            throw new StorageException("cannot read a carried part: " + e.getMessage(), e);
        }
    }
}
