package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.goldensdk.core.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @Test
    void generatedMessageIdsAreVersion7AndSortByCreationTime() {
        Random random = new Random(7);
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(MessageId.fromTimeAndRandom(Instant.ofEpochMilli(1_770_000_000_000L + i), random));
        }
        assertThat(ids).isSorted();
        assertThat(ids.get(0).toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(ids.get(5).createdAt()).contains(Instant.ofEpochMilli(1_770_000_000_005L));
    }

    @Test
    void messageIdRoundTripsAndIgnoresCaseOfOtherImplementations() {
        MessageId id = MessageId.generate(Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC));
        assertThat(MessageId.parse(id.toString())).isEqualTo(id);
        assertThat(MessageId.parse(id.toString().toUpperCase())).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-uuid", "0190e6b2-7a3c-7cc1-9d2b", "0190e6b27a3c7cc19d2b1b2a3c4d5e6f",
        "0190e6b2-7a3c-7cc1-9d2b-1b2a3c4d5e6g"})
    void malformedMessageIdsAreRefusedWithTheRule(String text) {
        assertThatThrownBy(() -> MessageId.parse(text))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("MessageId.format"));
    }

    @Test
    void serviceIdParsesNameAndVersion() {
        ServiceId id = ServiceId.parse("tax.company-status/1");
        assertThat(id.name()).isEqualTo("tax.company-status");
        assertThat(id.version()).isEqualTo(1);
        assertThat(ServiceId.of("tax.company-status", 1)).isEqualTo(id).hasToString("tax.company-status/1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tax.company-status", "tax.company-status/0", "Tax.Status/1", "tax..status/1",
        "/1", "tax.status/-1", "tax.status/1/2", "1tax/1"})
    void malformedServiceIdsAreRefused(String text) {
        assertThatThrownBy(() -> ServiceId.parse(text)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.findings()).extracting("rule").containsExactly("ServiceId.format"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SECRET", "secret", "CONFIDENTIAL", "TOP_SECRET", "涉密", "秘密", "机密", "绝密"})
    void secretClassificationsAreRefusedBeforeAnythingLeaves(String marking) {
        assertThatThrownBy(() -> Classification.parse(marking)).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.findings()).extracting("rule").containsExactly("classification.secret");
                    assertThat(e.getMessage()).contains("isolated internal network");
                });
    }

    @Test
    void theThreeExtranetClassificationsParse() {
        assertThat(Classification.parse("PUBLIC")).isEqualTo(Classification.PUBLIC);
        assertThat(Classification.parse("internal")).isEqualTo(Classification.INTERNAL);
        assertThat(Classification.parse("SENSITIVE").requiresEncryption()).isTrue();
        assertThatThrownBy(() -> Classification.parse("RESTRICTED")).isInstanceOf(ValidationException.class);
    }
}
