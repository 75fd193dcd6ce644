package io.nsqj.admin.web;

import io.nsqj.admin.cluster.ChannelStats;
import io.nsqj.admin.cluster.ClusterActions;
import io.nsqj.admin.cluster.ChannelView;
import io.nsqj.admin.cluster.ClientStats;
import io.nsqj.admin.cluster.ClusterInfo;
import io.nsqj.admin.cluster.ClusterSnapshot;
import io.nsqj.admin.cluster.NodeStats;
import io.nsqj.admin.cluster.Producer;
import io.nsqj.admin.cluster.TopicView;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * nsqadmin's JSON API (/api/...), key for key as nsqadmin's clusterinfo encodes topics, channels, clients and
 * producers; {@code message} carries nsqadmin's "WARNING: ..." when some daemon did not answer. Its actions
 * (POST and DELETE) are the pages' actions, unconfirmed: the caller is a script.
 */
@Path("/api")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class Api {
    private final ClusterInfo cluster;
    private final ClusterActions actions;

    Api(ClusterInfo cluster, ClusterActions actions) {
        this.cluster = cluster;
        this.actions = actions;
    }

    @GET
    @Path("topics")
    public Map<String, Object> topics() {
        ClusterSnapshot now = cluster.snapshot();
        return withMessage(Map.of("topics", now.topicNames()), now);
    }

    @GET
    @Path("topics/{topic}")
    public Response topic(@PathParam("topic") String topic) {
        ClusterSnapshot now = cluster.snapshot();
        TopicView view = now.topic(topic);
        if (!view.exists()) {
            return notFound("TOPIC_NOT_FOUND");
        }
        return Response.ok(withMessage(topicJson(view), now)).build();
    }

    @GET
    @Path("topics/{topic}/{channel}")
    public Response channel(@PathParam("topic") String topic, @PathParam("channel") String channel) {
        ClusterSnapshot now = cluster.snapshot();
        ChannelView view = now.topic(topic).channel(channel);
        if (!view.exists()) {
            return notFound("CHANNEL_NOT_FOUND");
        }
        return Response.ok(withMessage(channelJson(view), now)).build();
    }

    @GET
    @Path("nodes")
    public Map<String, Object> nodes() {
        ClusterSnapshot now = cluster.snapshot();
        return withMessage(Map.of("nodes", now.producers().stream().map(Api::producerJson).toList()), now);
    }

    @GET
    @Path("nodes/{node}")
    public Response node(@PathParam("node") String node) {
        ClusterSnapshot now = cluster.snapshot();
        NodeStats stats = now.node(node).orElse(null);
        if (stats == null) {
            return notFound("NODE_NOT_FOUND");
        }
        if (!stats.up()) {
            return Response.status(502).entity(Map.of("message", "UPSTREAM_ERROR: " + stats.error())).build();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node);
        out.put("topics", stats.topics().stream().map(t -> topicJson(new TopicView(t.topicName(), List.of(t), List.of()))).toList());
        out.put("total_messages", stats.totalMessages());
        out.put("total_clients", stats.totalClients());
        return Response.ok(withMessage(out, now)).build();
    }

    /** nsqadmin's counter data: every channel's stats, merged over nodes; the page sums message_count. */
    @GET
    @Path("counter")
    public Map<String, Object> counter() {
        ClusterSnapshot now = cluster.snapshot();
        List<Map<String, Object>> stats = new ArrayList<>();
        for (String topic : now.topicNames()) {
            now.topic(topic).channels().forEach(c -> stats.add(channelJson(c)));
        }
        return withMessage(Map.of("stats", stats), now);
    }

    /** nsqadmin's create: {"topic": ..., "channel": ...} (channel optional). */
    @POST
    @Path("topics")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, String> body) {
        return act(() -> {
            String topic = field(body, "topic");
            ClusterActions.Outcome topicOutcome = actions.topic("create", topic);
            String channel = body == null ? null : body.get("channel");
            if (channel == null || channel.isEmpty()) {
                return topicOutcome;
            }
            ClusterActions.Outcome channelOutcome = actions.channel("create", topic, channel);
            List<String> failed = new ArrayList<>(topicOutcome.failed());
            failed.addAll(channelOutcome.failed());
            return new ClusterActions.Outcome(channelOutcome.action(), channelOutcome.succeeded(), failed);
        });
    }

    /** nsqadmin's {"action": "pause" | "unpause" | "empty"} on a topic. */
    @POST
    @Path("topics/{topic}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response topicAction(@PathParam("topic") String topic, Map<String, String> body) {
        return act(() -> actions.topic(stateAction(body), topic));
    }

    @DELETE
    @Path("topics/{topic}")
    public Response deleteTopic(@PathParam("topic") String topic) {
        return act(() -> actions.topic("delete", topic));
    }

    @POST
    @Path("topics/{topic}/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response channelAction(@PathParam("topic") String topic, @PathParam("channel") String channel,
                                  Map<String, String> body) {
        return act(() -> actions.channel(stateAction(body), topic, channel));
    }

    @DELETE
    @Path("topics/{topic}/{channel}")
    public Response deleteChannel(@PathParam("topic") String topic, @PathParam("channel") String channel) {
        return act(() -> actions.channel("delete", topic, channel));
    }

    /** nsqadmin's tombstone: DELETE /api/nodes/:node with {"topic": ...}. */
    @DELETE
    @Path("nodes/{node}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tombstone(@PathParam("node") String node, Map<String, String> body) {
        return act(() -> actions.tombstone(field(body, "topic"), node));
    }

    private static String stateAction(Map<String, String> body) {
        String action = field(body, "action");
        if (!List.of("pause", "unpause", "empty").contains(action)) {
            throw new IllegalArgumentException("INVALID_ACTION");
        }
        return action;
    }

    private static String field(Map<String, String> body, String name) {
        String value = body == null ? null : body.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("INVALID_BODY");
        }
        return value;
    }

    /** As nsqadmin: 400 for a bad request, else 200 with "WARNING: ..." naming where the action failed. */
    private static Response act(Supplier<ClusterActions.Outcome> action) {
        ClusterActions.Outcome outcome;
        try {
            outcome = action.get();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("message", e.getMessage())).build();
        }
        String message = outcome.failed().isEmpty() ? "" : "WARNING: " + String.join("; ", outcome.failed());
        return Response.ok(Map.of("message", message)).build();
    }

    private static Map<String, Object> topicJson(TopicView t) {
        Map<String, Object> out = topicTotals("*", t.name(), t.depth(), t.memoryDepth(), t.backendDepth(),
                t.messageCount(), t.paused());
        out.put("nodes", t.nodes().stream().map(n -> topicTotals(n.node(), n.topicName(), n.depth(), n.memoryDepth(),
                n.backendDepth(), n.messageCount(), n.paused())).toList());
        out.put("channels", t.channels().stream().map(Api::channelJson).toList());
        return out;
    }

    private static Map<String, Object> topicTotals(String node, String topic, long depth, long memoryDepth,
                                                   long backendDepth, long messageCount, boolean paused) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node);
        out.put("hostname", "");
        out.put("topic_name", topic);
        out.put("depth", depth);
        out.put("memory_depth", memoryDepth);
        out.put("backend_depth", backendDepth);
        out.put("message_count", messageCount);
        out.put("paused", paused);
        return out;
    }

    private static Map<String, Object> channelJson(ChannelView c) {
        Map<String, Object> out = channelFields("*", c.topicName(), c.name(), c.depth(), c.memoryDepth(),
                c.backendDepth(), c.inFlightCount(), c.deferredCount(), c.requeueCount(), c.timeoutCount(),
                c.messageCount(), c.clientCount(), c.paused());
        out.put("nodes", c.nodes().stream().map(Api::channelNodeJson).toList());
        out.put("clients", c.clients().stream().map(Api::clientJson).toList());
        return out;
    }

    private static Map<String, Object> channelNodeJson(ChannelStats c) {
        Map<String, Object> out = channelFields(c.node(), c.topicName(), c.channelName(), c.depth(), c.memoryDepth(),
                c.backendDepth(), c.inFlightCount(), c.deferredCount(), c.requeueCount(), c.timeoutCount(),
                c.messageCount(), c.clientCount(), c.paused());
        out.put("clients", c.clients().stream().map(Api::clientJson).toList());
        return out;
    }

    private static Map<String, Object> channelFields(String node, String topic, String channel, long depth,
                                                     long memoryDepth, long backendDepth, long inFlight, long deferred,
                                                     long requeued, long timedOut, long messages, long clients,
                                                     boolean paused) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node);
        out.put("hostname", "");
        out.put("topic_name", topic);
        out.put("channel_name", channel);
        out.put("depth", depth);
        out.put("memory_depth", memoryDepth);
        out.put("backend_depth", backendDepth);
        out.put("in_flight_count", inFlight);
        out.put("deferred_count", deferred);
        out.put("requeue_count", requeued);
        out.put("timeout_count", timedOut);
        out.put("message_count", messages);
        out.put("client_count", clients);
        out.put("paused", paused);
        return out;
    }

    private static Map<String, Object> clientJson(ClientStats c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", c.node());
        out.put("remote_address", c.remoteAddress());
        out.put("version", c.version());
        out.put("client_id", c.clientId());
        out.put("hostname", c.hostname());
        out.put("user_agent", c.userAgent());
        out.put("connect_ts", c.connectTs());
        out.put("ready_count", c.readyCount());
        out.put("in_flight_count", c.inFlightCount());
        out.put("message_count", c.messageCount());
        out.put("finish_count", c.finishCount());
        out.put("requeue_count", c.requeueCount());
        out.put("tls", c.tls());
        out.put("deflate", c.deflate());
        out.put("snappy", c.snappy());
        return out;
    }

    private static Map<String, Object> producerJson(Producer p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("remote_address", p.remoteAddress());
        out.put("hostname", p.hostname());
        out.put("broadcast_address", p.broadcastAddress());
        out.put("tcp_port", p.tcpPort());
        out.put("http_port", p.httpPort());
        out.put("version", p.version());
        out.put("tombstones", p.tombstoned());
        List<Map<String, Object>> topics = new ArrayList<>();
        for (String t : p.topics()) {
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("topic", t);
            topic.put("tombstoned", p.isTombstoned(t));
            topics.add(topic);
        }
        out.put("topics", topics);
        return out;
    }

    private static Map<String, Object> withMessage(Map<String, Object> body, ClusterSnapshot now) {
        Map<String, Object> out = new LinkedHashMap<>(body);
        List<String> down = new ArrayList<>();
        now.downLookupds().forEach(l -> down.add("lookupd " + l.address() + ": " + l.error()));
        now.downNodes().forEach(n -> down.add("nsqd " + n.node() + ": " + n.error()));
        out.put("message", down.isEmpty() ? "" : "WARNING: " + String.join("; ", down));
        return out;
    }

    private static Response notFound(String message) {
        return Response.status(404).entity(Map.of("message", message)).build();
    }
}
