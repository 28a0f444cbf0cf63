package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
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
}
