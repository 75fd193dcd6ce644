package io.nsqj.admin.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** nsqadmin's /ping, for checks written against nsqadmin; /q/health is the Quarkus one. */
@Path("/ping")
public class Ping {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "OK";
    }
}
