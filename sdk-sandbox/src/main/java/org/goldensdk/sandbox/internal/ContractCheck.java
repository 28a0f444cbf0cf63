package org.goldensdk.sandbox.internal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.goldensdk.core.ConfigurationException;

/**
 * Checks real HTTP traffic against an OpenAPI document with swagger-request-validator and records
 * every violation as a readable line instead of throwing: the traffic goes on exactly as it would
 * without the check. Paths are relative to the document's server URL ({@code /messages},
 * {@code /deliveries}). Strict on operations, parameters, status codes, content types and bodies.
 * Thread-safe.
 */
public final class ContractCheck {
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BODY_MISSING = "validation.response.body.missing";

    private final OpenApiInteractionValidator validator;
    private final Log log;

    /** The violations of every check sharing it, in the order recorded. */
    private static final class Log {
        private final List<String> violations = new ArrayList<>();
        private long recorded;
        private long cleared;
    }

    private ContractCheck(OpenApiInteractionValidator validator, Log log) {
        this.validator = validator;
        this.log = log;
    }

    /**
     * A check against the OpenAPI document {@code yaml} (its text); {@code source} names it in errors.
     *
     * @throws ConfigurationException if the document does not parse as OpenAPI
     */
    public static ContractCheck of(String yaml, String source) {
        return new ContractCheck(validator(yaml, source), new Log());
    }

    /**
     * A check against another OpenAPI document that records into this check's violations, so one
     * mark, one list and one clear cover both APIs (the hub's and the portal's).
     *
     * @throws ConfigurationException if the document does not parse as OpenAPI
     */
    public ContractCheck alongside(String yaml, String source) {
        return new ContractCheck(validator(yaml, source), log);
    }

    private static OpenApiInteractionValidator validator(String yaml, String source) {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(yaml)
                    // paths arrive relative to the server URL, so no server base path is stripped
                    .withBasePathOverride("/")
                    .withStrictOperationPathMatching()
                    .build();
        } catch (RuntimeException e) {
            throw new ConfigurationException("contract", source + " is not a readable OpenAPI document: " + e.getMessage(), e);
        }
    }

    /** One HTTP request as sent: path relative to the server URL, query parameters, headers, body. */
    public record Exchange(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
            byte[] body) {
        /** This request as the validator reads it. */
        Request toRequest() {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, path, true);
            query.forEach(request::withQueryParam);
            headers.forEach(request::withHeader);
            if (body.length > 0) {
                request.withBody(body);
            }
            return request.build();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Checks a request; a violation is recorded as a line naming the request. */
    public void request(Exchange request) {
        record(request + " request", () -> validator.validateRequest(request.toRequest()));
    }

    /**
     * Checks the answer to {@code request}: its status must be documented for the operation, its
     * content type and body must match what the document says for that status. A {@code null}
     * content type means the answer had none.
     */
    public void response(Exchange request, int status, String contentType, byte[] body) {
        response(request, status, contentType, Map.of(), body);
    }

    /** Like {@link #response(Exchange, int, String, byte[])}, with the answer's headers checked too. */
    public void response(Exchange request, int status, String contentType, Map<String, List<String>> headers, byte[] body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body.length > 0) {
            response.withBody(new String(body, StandardCharsets.UTF_8));
        }
        record(request + " response " + status, () -> validator.validateResponse(request.path(), method(request),
                response.build()));
    }

    /**
     * Checks only that {@code status} is a documented problem answer of the operation of
     * {@code request}: for an error answer whose body the caller no longer has (core's transport
     * turns error answers into exceptions).
     */
    public void errorStatus(Exchange request, int status) {
        record(request + " response " + status + " (status only)", () -> ValidationReport.from(validator
                .validateResponse(request.path(), method(request), SimpleResponse.Builder.status(status)
                        .withContentType(PROBLEM_JSON).build())
                .getMessages().stream()
                .filter(message -> !BODY_MISSING.equals(message.getKey()))
                .toList()));
    }

    /** The violations recorded so far, oldest first; an immutable copy. */
    public List<String> violations() {
        synchronized (log) {
            return List.copyOf(log.violations);
        }
    }

    /** A mark of now: {@link #violationsSince(long)} answers the violations recorded after it. */
    public long mark() {
        synchronized (log) {
            return log.recorded;
        }
    }

    /** The violations recorded after {@code mark} that have not been cleared, oldest first; an immutable copy. */
    public List<String> violationsSince(long mark) {
        synchronized (log) {
            int first = (int) Math.min(log.violations.size(), Math.max(0, mark - log.cleared));
            return List.copyOf(log.violations.subList(first, log.violations.size()));
        }
    }

    /** Forgets the violations recorded so far. */
    public void clear() {
        synchronized (log) {
            log.cleared += log.violations.size();
            log.violations.clear();
        }
    }

    private void record(String what, Supplier<ValidationReport> validation) {
        ValidationReport report;
        try {
            report = validation.get();
        } catch (RuntimeException e) {
            // the traffic must go on as without the check: a validator failure is reported, not thrown
            add(what + ": the validator failed: " + e);
            return;
        }
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .toList();
        if (errors.isEmpty()) {
            return;
        }
        String operation = errors.stream().map(ContractCheck::operationId).flatMap(Optional::stream).findFirst()
                .orElse("no operation");
        String line = operation + " (" + what + "): " + errors.stream()
                .map(message -> "[" + message.getKey() + "] " + message.getMessage()
                        + message.getNestedMessages().stream().map(nested -> " / " + nested.getMessage())
                        .collect(Collectors.joining()))
                .collect(Collectors.joining("; "));
        add(line);
    }

    private void add(String line) {
        synchronized (log) {
            log.violations.add(line);
            log.recorded++;
        }
    }

    private static Request.Method method(Exchange request) {
        return Request.Method.valueOf(request.method().toUpperCase(Locale.ROOT));
    }

    private static Optional<String> operationId(ValidationReport.Message message) {
        return message.getContext()
                .flatMap(ValidationReport.MessageContext::getApiOperation)
                .map(operation -> operation.getOperation().getOperationId());
    }
}
