package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {

    /** An endless stream that counts what was asked of it. */
    static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            served += len;
            return len;
        }
    }

    @Test
    void passesEverythingUpToTheLimit() throws IOException {
        byte[] ten = new byte[10];
        assertThat(BoundedInputStream.readAll(new java.io.ByteArrayInputStream(ten), 10, "ten bytes")).hasSize(10);
    }

    @Test
    void anEndlessStreamIsCutOffOneBytePastTheLimitWithAnIoExceptionForParsers() {
        Endless source = new Endless();
        BoundedInputStream bounded = BoundedInputStream.of(source, 1000);

        assertThatThrownBy(bounded::readAllBytes).isInstanceOfSatisfying(BoundedInputStream.LimitExceededException.class,
                e -> assertThat(e.limit()).isEqualTo(1000));
        assertThat(bounded.limitExceeded()).isTrue();
        assertThat(source.served).isEqualTo(1001);
        assertThatThrownBy(bounded::read).isInstanceOf(IOException.class);
    }

    @Test
    void aCallerReadingItselfGetsTheTypedPayloadTooLarge() {
        Endless source = new Endless();
        assertThatThrownBy(() -> BoundedInputStream.readAll(source, 64, "the response body"))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(e.getMessage()).contains("the response body").contains("64");
                });
        assertThat(source.served).isEqualTo(65);
    }

    @Test
    void aLimitOfLongMaxValueMeansUnlimitedInsteadOfOverflowingIntoEmptyReads() {
        byte[] body = "a body under an effectively unlimited cap".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(BoundedInputStream.readAll(new ByteArrayInputStream(body), Long.MAX_VALUE, "the request body"))
                    .isEqualTo(body);
            BoundedInputStream bounded = BoundedInputStream.of(new ByteArrayInputStream(body), Long.MAX_VALUE);
            assertThat(bounded.skip(5)).isEqualTo(5);
            assertThat(bounded.readAllBytes()).hasSize(body.length - 5);
            assertThat(bounded.limitExceeded()).isFalse();
        });
    }
}
