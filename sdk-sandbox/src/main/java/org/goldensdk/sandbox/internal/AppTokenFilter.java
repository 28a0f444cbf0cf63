package org.goldensdk.sandbox.internal;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.PartyId;
import org.goldensdk.cxf.TlsCaller;
import org.goldensdk.identity.GovPrincipal;
import org.goldensdk.identity.PrincipalKind;
import org.goldensdk.identity.TokenValidator;

/**
 * App tokens on the platform's mutual-TLS APIs (hub and portal): the client certificate stays
 * mandatory and names the caller; a request may carry an app token as well
 * ({@code Authorization: Bearer …}), which then must be valid (sdk-identity's {@link TokenValidator}
 * against the sandbox's own provider), be an application's, and name the same organisation as the
 * certificate — its {@code party}'s credit code, else its {@code agency}. So a token cannot lend a
 * system another party's identity, nor a certificate another party's token. An invalid token is
 * refused with 401 ({@link AuthenticationException}), a token of another party with 403
 * ({@link AccessDeniedException}); nothing further happens. Thread-safe.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AppTokenFilter implements ContainerRequestFilter {
    /** The request property holding the validated token's {@link GovPrincipal}. */
    public static final String PRINCIPAL_PROPERTY = GovPrincipal.class.getName();

    private final Supplier<TokenValidator> validator;

    @Context
    private HttpServletRequest servletRequest;

    /** Validates with the validator {@code validator} gives when the first token arrives. */
    public AppTokenFilter(Supplier<TokenValidator> validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        appToken(request.getHeaderString(HttpHeaders.AUTHORIZATION), TlsCaller.require(servletRequest).certificate(),
                validator).ifPresent(principal -> request.setProperty(PRINCIPAL_PROPERTY, principal));
    }

    /**
     * The app token's principal when {@code authorization} (the HTTP header, or null) carries one:
     * valid, an application's, and naming the organisation of the TLS client certificate
     * {@code certificate}; {@code validator} is asked for only when there is a token. Shared by the
     * REST filter and the SOAP services.
     *
     * @throws AuthenticationException if the header is not a bearer token or the token is invalid
     * @throws AccessDeniedException if it is not an application's token or names another party
     */
    public static Optional<GovPrincipal> appToken(String authorization, X509Certificate certificate,
            Supplier<TokenValidator> validator) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException("the platform takes app tokens only as 'Authorization: Bearer <token>'");
        }
        GovPrincipal principal = validator.get().validate(authorization);
        if (principal.kind() != PrincipalKind.APPLICATION) {
            throw new AccessDeniedException("the bearer token is a " + principal.kind()
                    + "'s; the platform's APIs take application tokens (client credentials) only");
        }
        CreditCode tokenCode = principal.party().map(PartyId::creditCode).or(principal::agency)
                .orElseThrow(() -> new AccessDeniedException("the app token names no party or agency"));
        Optional<CreditCode> certificateCode = Certificates.creditCode(certificate);
        if (certificateCode.isEmpty() || !certificateCode.get().equals(tokenCode)) {
            throw new AccessDeniedException("the app token was issued to " + principal.party().map(Object::toString)
                    .orElse(tokenCode.value()) + " but the client certificate belongs to "
                    + certificateCode.map(CreditCode::value).orElse("no organisation with a credit code")
                    + ": a token and a certificate must name the same party");
        }
        return Optional.of(principal);
    }
}
