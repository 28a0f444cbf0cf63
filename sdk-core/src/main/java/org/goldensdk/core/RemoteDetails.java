package org.goldensdk.core;

import java.util.Optional;

/**
 * What a remote party reported with an error: the HTTP status (or 500 for a SOAP fault), the wire
 * error code as received, and the request id to quote when asking its operators.
 *
 * @param status HTTP status of the answer
 * @param wireCode the error code as received, possibly one this SDK does not know
 * @param requestId the request id the remote party logged, or null
 * @param detail the remote party's human-readable explanation, or null
 */
public record RemoteDetails(int status, String wireCode, String requestId, String detail) {

    /** The request id, when the remote party sent one. */
    public Optional<String> requestIdIfPresent() {
        return Optional.ofNullable(requestId);
    }
}
