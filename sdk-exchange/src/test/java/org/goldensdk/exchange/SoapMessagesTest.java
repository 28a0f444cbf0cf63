package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.exchange.EnvelopeFixtures.message;
import static org.goldensdk.exchange.EnvelopeFixtures.sealer;
import static org.goldensdk.exchange.EnvelopeFixtures.verifier;

import java.io.IOException;
import java.io.InputStream;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.exchange.soap.DeliveryType;
import org.junit.jupiter.api.Test;

/**
 * The SOAP form of a delivery: attachments stay parts, streamed when read and sized by the signed
 * manifest; a delivery whose parts do not match the manifest is refused or fails verification.
 */
class SoapMessagesTest {
    @Test
    void attachmentsComeBackAsStreamedPartsSizedByTheManifestThatVerify() throws IOException {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            Delivery delivery = SoapMessages.fromSoap(SoapMessages.toSoap(Delivery.of(sealed)), 1024 * 1024);

            assertThat(delivery.attachments()).hasSize(2);
            Content ledger = delivery.attachments().get(0);
            assertThat(ledger.file()).isEmpty();
            assertThat(ledger.size()).isEqualTo(sealed.envelope().header().attachments().get(0).size());
            try (InputStream in = verifier().attachment(delivery.envelope(), 0, ledger.open())) {
                assertThat(in.readAllBytes()).isEqualTo(sealed.attachments().get(0).readAllBytes());
            }
        }
    }

    @Test
    void aDeliveryCarryingFewerPartsThanTheManifestListsIsRefused() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            DeliveryType soap = SoapMessages.toSoap(Delivery.of(sealed));
            soap.getAttachment().remove(1);

            assertThatThrownBy(() -> SoapMessages.fromSoap(soap, 1024 * 1024)).isInstanceOf(MalformedInputException.class)
                    .hasMessageContaining("lists 2 attachments but the Delivery carries 1");
        }
    }

    @Test
    void partsInTheWrongOrderFailVerificationWhenRead() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            DeliveryType soap = SoapMessages.toSoap(Delivery.of(sealed));
            soap.getAttachment().add(soap.getAttachment().remove(0));
            Delivery delivery = SoapMessages.fromSoap(soap, 1024 * 1024);

            assertThatThrownBy(() -> {
                try (InputStream in = verifier().attachment(delivery.envelope(), 0, delivery.attachments().get(0).open())) {
                    in.readAllBytes();
                }
            }).isInstanceOf(SignatureException.class);
        }
    }
}
