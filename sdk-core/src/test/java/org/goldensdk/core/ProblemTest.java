package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.goldensdk.core.internal.http.ProblemJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private static final Map<ErrorCode, Class<? extends GoldenException>> EXPECTED = Map.ofEntries(
            Map.entry(ErrorCode.VALIDATION, ValidationException.class),
            Map.entry(ErrorCode.MALFORMED_INPUT, MalformedInputException.class),
            Map.entry(ErrorCode.PAYLOAD_TOO_LARGE, MalformedInputException.class),
            Map.entry(ErrorCode.SIGNATURE, SignatureException.class),
            Map.entry(ErrorCode.AUTHENTICATION, AuthenticationException.class),
            Map.entry(ErrorCode.ACCESS_DENIED, AccessDeniedException.class),
            Map.entry(ErrorCode.NOT_FOUND, NotFoundException.class),
            Map.entry(ErrorCode.CONFLICT, ConflictException.class),
            Map.entry(ErrorCode.COMPLIANCE, ComplianceException.class),
            Map.entry(ErrorCode.BACKPRESSURE, BackpressureException.class),
            Map.entry(ErrorCode.CONFIGURATION, RemoteException.class),
            Map.entry(ErrorCode.CRYPTO, RemoteException.class),
            Map.entry(ErrorCode.TRANSPORT, RemoteException.class),
            Map.entry(ErrorCode.UNAVAILABLE, RemoteException.class),
            Map.entry(ErrorCode.TIMEOUT, RemoteException.class),
            Map.entry(ErrorCode.STORAGE, RemoteException.class),
            Map.entry(ErrorCode.INTERNAL, RemoteException.class));

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeSurvivesTheTripThroughProblemJson(ErrorCode code) {
        Problem sent = new Problem("urn:goldensdk:problem:" + code.wireCode(), "t", code.httpStatus(), "what went wrong",
                null, code.wireCode(), "req-1", List.of(new Finding("creditCode", "GB32100.check", "fix the check character")));

        Problem received = ProblemJson.parse(ProblemJson.write(sent), code.httpStatus(), "ignored").orElseThrow();
        GoldenException exception = received.toException();

        assertThat(received).isEqualTo(sent);
        assertThat(exception).isExactlyInstanceOf(EXPECTED.get(code));
        assertThat(exception.code()).isEqualTo(code);
        assertThat(exception.remote()).contains(new RemoteDetails(code.httpStatus(), code.wireCode(), "req-1", "what went wrong"));
    }

    @Test
    void aServerTurnsAnExceptionIntoTheProblemTheClientTurnsBack() {
        ValidationException thrown = new ValidationException("division", "GB2260.shape", "use six digits");
        Problem problem = Problem.from(thrown, "req-9");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("E_VALIDATION");
        GoldenException back = problem.toException();
        assertThat(back).isInstanceOf(ValidationException.class);
        assertThat(((ValidationException) back).findings()).isEqualTo(thrown.findings());
    }

    @Test
    void aRemoteValidationFailureWithoutFindingsKeepsTheRemoteExplanation() {
        Problem problem = new Problem("urn:goldensdk:problem:E_VALIDATION", "t", 400, "envelope expired at 08:00",
                null, "E_VALIDATION", "req-2", List.of());
        assertThat(problem.toException()).isInstanceOf(ValidationException.class)
                .hasMessage("envelope expired at 08:00");
    }

    @Test
    void internalFailuresDoNotLeakTheirMessage() {
        Problem problem = Problem.from(new GoldenException(ErrorCode.INTERNAL, "db password rejected at 10.0.0.5"), "r");
        assertThat(problem.detail()).doesNotContain("10.0.0.5").contains("request id");
    }

    @Test
    void withoutAProblemBodyTheStatusDecides() {
        assertThat(Problem.forStatus(404, "r").toException()).isInstanceOf(NotFoundException.class);
        assertThat(Problem.forStatus(429, "r").toException()).isInstanceOf(BackpressureException.class);
        GoldenException unavailable = Problem.forStatus(502, "r").toException();
        assertThat(unavailable).isInstanceOf(RemoteException.class);
        assertThat(unavailable.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(unavailable.remote().orElseThrow().wireCode()).isNull();
        assertThat(Problem.forStatus(418, "r").toException().code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void anUnknownWireCodeIsKeptAndMappedByStatus() {
        GoldenException exception = new Problem(null, null, 409, null, null, "E_FUTURE", "r", null).toException();
        assertThat(exception).isInstanceOf(ConflictException.class);
        assertThat(exception.remote().orElseThrow().wireCode()).isEqualTo("E_FUTURE");
    }

    @Test
    void malformedOrHostileProblemBodiesAreIgnored() {
        assertThat(ProblemJson.parse("not json".getBytes(), 400, "r")).isEmpty();
        assertThat(ProblemJson.parse("[1,2]".getBytes(), 400, "r")).isEmpty();
        assertThat(ProblemJson.parse("[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]".getBytes(), 400, "r")).isEmpty();
        assertThat(ProblemJson.parse("{\"code\":42,\"detail\":\"d\"}".getBytes(), 400, "r"))
                .map(Problem::code).isEqualTo(Optional.empty());
    }
}
