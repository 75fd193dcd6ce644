package io.nsqj.admin.web;

import io.nsqj.admin.cluster.ChannelView;
import io.nsqj.admin.cluster.ClusterInfo;
import io.nsqj.admin.cluster.ClusterSnapshot;
import io.nsqj.admin.cluster.TopicView;
import io.nsqj.admin.config.AdminOptions;
import io.nsqj.admin.sampling.RateChart;
import io.nsqj.admin.sampling.RateHistory;
import io.nsqj.admin.sampling.RateSampler;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * nsqadmin's pages, rendered on the server. Each render takes one fresh look at the cluster, which waits on
 * other daemons: so on a worker thread ({@link Blocking}), never on the event loop.
 */
@Path("/")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class Pages {
    static final List<String> ACTIONS = List.of("pause", "unpause", "empty", "delete");

    private final ClusterInfo cluster;
    private final RateHistory rates;
    private final int slots;

    Pages(ClusterInfo cluster, RateSampler sampler, AdminOptions options) {
        this.cluster = cluster;
        this.rates = sampler.history();
        this.slots = options.sampleCount();
    }

    @GET
    public TemplateInstance index(@QueryParam("message") String message) {
        return topics(message);
    }

    @GET
    @Path("topics")
    public TemplateInstance topics(@QueryParam("message") String message) {
        ClusterSnapshot now = cluster.snapshot();
        List<TopicView> topics = now.topicNames().stream().map(now::topic).toList();
        return Templates.topics(Page.of("Topics", "topics", message, now), topics,
                chart("Messages published, all topics", RateHistory.TOTAL));
    }

    @GET
    @Path("topics/{topic}")
    public TemplateInstance topic(@PathParam("topic") String topic, @QueryParam("message") String message) {
        ClusterSnapshot now = cluster.snapshot();
        TopicView view = now.topic(topic);
        if (!view.exists() && !now.topicNames().contains(topic) && view.downNodes().isEmpty()) {
            throw new NotFoundException("TOPIC_NOT_FOUND");
        }
        List<Templates.ChannelChart> channelCharts = view.channels().stream()
                .map(c -> new Templates.ChannelChart(c.name(),
                        chart("Channel " + c.name(), RateHistory.channelKey(topic, c.name()))))
                .toList();
        return Templates.topic(Page.of("Topic " + topic, "topics", message, now), ACTIONS, view,
                chart("Messages published to " + topic, RateHistory.topicKey(topic)), channelCharts);
    }

    @GET
    @Path("topics/{topic}/{channel}")
    public TemplateInstance channel(@PathParam("topic") String topic, @PathParam("channel") String channel,
                                    @QueryParam("message") String message) {
        ClusterSnapshot now = cluster.snapshot();
        ChannelView view = now.topic(topic).channel(channel);
        if (!view.exists() && now.downNodes().isEmpty()) {
            throw new NotFoundException("CHANNEL_NOT_FOUND");
        }
        return Templates.channel(Page.of("Channel " + topic + "/" + channel, "topics", message, now), ACTIONS, view,
                chart("Messages through " + topic + "/" + channel, RateHistory.channelKey(topic, channel)));
    }

    @GET
    @Path("nodes")
    public TemplateInstance nodes(@QueryParam("message") String message) {
        ClusterSnapshot now = cluster.snapshot();
        return Templates.nodes(Page.of("Nodes", "nodes", message, now), now);
    }

    @GET
    @Path("nodes/{node}")
    public TemplateInstance node(@PathParam("node") String node, @QueryParam("message") String message) {
        ClusterSnapshot now = cluster.snapshot();
        if (now.producer(node).isEmpty() && now.node(node).isEmpty()) {
            throw new NotFoundException("NODE_NOT_FOUND");
        }
        return Templates.node(Page.of("Node " + node, "nodes", message, now), node, now.producer(node).orElse(null),
                now.node(node).orElse(null), !cluster.lookupdAddresses().isEmpty());
    }

    @GET
    @Path("lookup")
    public TemplateInstance lookup(@QueryParam("message") String message) {
        ClusterSnapshot now = cluster.snapshot();
        return Templates.lookup(Page.of("Lookup", "lookup", message, now), cluster.lookupListing(), now);
    }

    @GET
    @Path("counter")
    public TemplateInstance counter() {
        ClusterSnapshot now = cluster.snapshot();
        return Templates.counter(Page.of("Counter", "counter", null, now), now.messagesProcessed(),
                chart("Messages published, all topics", RateHistory.TOTAL));
    }

    private String chart(String title, String series) {
        return RateChart.svg(title, rates.rates(series), slots);
    }
}
