package org.goldensdk.cxf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aClientHangingUpMidAnswerIsRecognisedSoItIsNotLoggedAsAServerError() {
        assertThat(Failures.isClientGone(new EofException("Closed"))).isTrue();
        assertThat(Failures.isClientGone(new UncheckedIOException(new EofException(new IOException("Broken pipe"))))).isTrue();
        assertThat(Failures.isClientGone(new RuntimeException("writing the answer failed", new IOException("Broken pipe")))).isTrue();
        assertThat(Failures.isClientGone(new SocketException("Connection reset by peer"))).isTrue();
    }

    @Test
    void aRealServerFaultIsNotMistakenForAClientHangingUp() {
        assertThat(Failures.isClientGone(new IllegalStateException("a bug"))).isFalse();
        assertThat(Failures.isClientGone(new IOException("disk full"))).isFalse();
        assertThat(Failures.isClientGone(new IllegalStateException("Broken pipe"))).isFalse();
    }
}
