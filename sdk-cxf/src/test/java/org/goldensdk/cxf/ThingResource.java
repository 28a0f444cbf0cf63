package org.goldensdk.cxf;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.BackpressureException;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.Finding;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;

/** A resource exercising what the tests look at; records what it saw. */
@Path("things")
public class ThingResource {

    /** A JSON body. */
    public record Thing(String name, int size) {
    }

    final AtomicInteger uploadCalls = new AtomicInteger();
    final AtomicLong uploadBytesRead = new AtomicLong();

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Thing echo(Thing thing) {
        return new Thing(thing.name(), thing.size() + 1);
    }

    @GET
    @Path("caller")
    @Produces(MediaType.TEXT_PLAIN)
    public String caller(@Context HttpServletRequest request) {
        return TlsCaller.require(request).subject().getName();
    }

    @GET
    @Path("fail/{code}")
    public String fail(@PathParam("code") String code) {
        throw failure(ErrorCode.valueOf(code));
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("database password hunter2 leaked for citizen 11010519491231002X");
    }

    @POST
    @Path("upload")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    @MaxRequestBytes(1024)
    public String upload(InputStream body) throws IOException {
        uploadCalls.incrementAndGet();
        uploadBytesRead.set(0);
        byte[] buffer = new byte[256];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            uploadBytesRead.addAndGet(n);
        }
        return Long.toString(uploadBytesRead.get());
    }

    static GoldenException failure(ErrorCode code) {
        return switch (code) {
            case VALIDATION -> new ValidationException("recipient", "format", "recipient is not a credit code");
            case COMPLIANCE -> new ComplianceException(List.of(new Finding("body", "personal-data", "contains a citizen id")));
            case CONFLICT -> new ConflictException("message m-1 was already sent with other content");
            case NOT_FOUND -> new NotFoundException("no message m-2");
            case ACCESS_DENIED -> new AccessDeniedException("the caller is not the envelope's sender");
            case AUTHENTICATION -> new AuthenticationException("no client certificate");
            case BACKPRESSURE -> new BackpressureException("the inbox is full; retry later");
            case SIGNATURE -> new SignatureException("the envelope signature does not verify");
            case MALFORMED_INPUT -> new MalformedInputException("the envelope is not well formed", null);
            default -> new GoldenException(code, "failure " + code);
        };
    }
}
