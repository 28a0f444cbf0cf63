package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.MalformedInputException;
import org.junit.jupiter.api.Test;

class DeliveryCodecTest {

    @Test
    void aDeliveryRoundTripsWithItsPartsAndVerifies() {
        try (SealedMessage sealed = EnvelopeFixtures.sealer(CryptoSuite.GM).seal(EnvelopeFixtures.message().build())) {
            byte[] encoded = EnvelopeCodec.json().encode(Delivery.of(sealed));
            Delivery decoded = EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(encoded), 1 << 20);

            assertThat(decoded.envelope()).isEqualTo(sealed.envelope());
            assertThat(decoded.payload().readAllBytes()).isEqualTo(sealed.payload().readAllBytes());
            assertThat(decoded.attachments()).hasSize(2);
            assertThat(EnvelopeSignatureTest.readVerified(EnvelopeFixtures.verifier().attachment(decoded.envelope(), 1,
                    decoded.attachments().get(1).open()))).isEqualTo(sealed.attachments().get(1).readAllBytes());
        }
    }

    @Test
    void aDeliveryOverTheLimitOrWithUnknownMembersIsRefused() {
        try (SealedMessage sealed = EnvelopeFixtures.sealer(CryptoSuite.INTL).seal(EnvelopeFixtures.message().build())) {
            byte[] encoded = EnvelopeCodec.json().encode(Delivery.of(sealed));
            assertThatThrownBy(() -> EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(encoded), 100))
                    .isInstanceOfSatisfying(MalformedInputException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
            byte[] extra = new String(encoded, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"route\":\"x\",")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(extra), 1 << 20))
                    .isInstanceOf(MalformedInputException.class).hasMessageContaining("unknown member 'route'");
        }
    }

    @Test
    void theXmlCodecHasNoDeliveryEncoding() {
        try (SealedMessage sealed = EnvelopeFixtures.sealer(CryptoSuite.GM).seal(EnvelopeFixtures.message().build())) {
            assertThatThrownBy(() -> EnvelopeCodec.xml().encode(Delivery.of(sealed)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
