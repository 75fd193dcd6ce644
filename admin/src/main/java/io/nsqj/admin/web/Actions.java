package io.nsqj.admin.web;

import io.nsqj.admin.cluster.ClusterActions;
import io.nsqj.admin.cluster.NsqHttp;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The pages' forms (each confirmed in the browser first): the action goes to every nsqd (or lookupd) it concerns,
 * then a 303 back to the page, which shows what happened where. Worker thread: the calls wait on other daemons.
 */
@Path("/")
@Blocking
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class Actions {
    private final ClusterActions actions;

    Actions(ClusterActions actions) {
        this.actions = actions;
    }

    /** Creates a topic, and a channel of it when one is named, as nsqadmin's create form does. */
    @POST
    @Path("topics")
    public Response create(@FormParam("topic") String topic, @FormParam("channel") String channel) {
        String message;
        try {
            message = actions.topic("create", required(topic)).summary();
            if (channel != null && !channel.isBlank()) {
                message += ". " + actions.channel("create", topic, channel.strip()).summary();
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return back("/topics/{topic}", message, topic);
    }

    @POST
    @Path("topics/{topic}")
    public Response topic(@PathParam("topic") String topic, @FormParam("action") String action) {
        String message = run(() -> actions.topic(required(action), topic).summary());
        return "delete".equals(action) ? back("/topics", message) : back("/topics/{topic}", message, topic);
    }

    @POST
    @Path("topics/{topic}/{channel}")
    public Response channel(@PathParam("topic") String topic, @PathParam("channel") String channel,
                            @FormParam("action") String action) {
        String message = run(() -> actions.channel(required(action), topic, channel).summary());
        return "delete".equals(action) ? back("/topics/{topic}", message, topic)
                : back("/topics/{topic}/{channel}", message, topic, channel);
    }

    @POST
    @Path("nodes/{node}/tombstone")
    public Response tombstone(@PathParam("node") String node, @FormParam("topic") String topic) {
        String message = run(() -> actions.tombstone(required(topic), node).summary());
        return back("/nodes/{node}", message, node);
    }

    private static String run(Supplier<String> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("MISSING_ARG");
        }
        return value.strip();
    }

    private static Response back(String template, String message, Object... values) {
        // the message may hold an nsqd's JSON answer, whose braces UriBuilder would read as template variables
        URI page = UriBuilder.fromPath(template).build(values);
        return Response.seeOther(URI.create(page + "?" + NsqHttp.query("message", message))).build();
    }
}
