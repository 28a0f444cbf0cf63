package org.goldensdk.core.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TokenSource;

/**
 * Everything an {@link OkHttpTransport} is built from, checked by the public builder.
 *
 * @param scheduler null means the transport owns a real-time scheduler
 * @param tokenSource null means no Authorization header
 * @param proxyHost null means a direct connection
 * @param pathRedaction applied to every path that is logged or put in an exception message
 */
public record TransportConfig(URI baseUri, Duration connectTimeout, Duration readTimeout, Duration writeTimeout,
        Duration callTimeout, TlsConfig tls, String proxyHost, int proxyPort, String proxyUsername,
        String proxyPassword, RetryPolicy retryPolicy, Scheduler scheduler, TokenSource tokenSource,
        String userAgent, int maxResponseBytes, UnaryOperator<String> pathRedaction) {

    @Override
    public String toString() {
        // The proxy password must never reach a log line.
        return "TransportConfig[" + baseUri + ", proxy=" + (proxyHost == null ? "none" : proxyHost + ":" + proxyPort)
                + ", retry=" + retryPolicy + "]";
    }
}
