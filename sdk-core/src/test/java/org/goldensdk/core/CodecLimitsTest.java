package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodecLimitsTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        CodecLimits limits = CodecLimits.defaults();

        assertThat(limits.maxInputBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(limits.maxJsonDepth()).isEqualTo(64);
        assertThat(limits.maxXmlDepth()).isEqualTo(100);
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        CodecLimits changed = CodecLimits.defaults().toBuilder().maxAttributes(5).build();

        assertThat(changed.maxAttributes()).isEqualTo(5);
        assertThat(changed.toString()).isEqualTo(CodecLimits.defaults().toString().replace("maxAttributes=100", "maxAttributes=5"));
    }

    @Test
    void rejectsANonPositiveLimitNamingIt() {
        assertThatThrownBy(() -> CodecLimits.builder().maxInputBytes(0))
                .isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).key()).isEqualTo("maxInputBytes");
    }

    @Test
    void rejectsAJsonDepthBeyondTheCeiling() {
        assertThatThrownBy(() -> CodecLimits.builder().maxJsonDepth(CodecLimits.MAX_JSON_DEPTH_CEILING + 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("maxJsonDepth");
    }
}
