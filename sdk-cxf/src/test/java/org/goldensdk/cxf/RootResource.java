package org.goldensdk.cxf;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A REST resource at the root of its API, like the hub's. */
@Path("/")
public class RootResource {
    @POST
    @Path("messages")
    public String post(String body) {
        return body;
    }

    @GET
    @Path("receipts")
    public String get() {
        return "[]";
    }
}
