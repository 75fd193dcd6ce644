package io.nsqj.admin.web;

import io.nsqj.admin.cluster.ChannelView;
import io.nsqj.admin.cluster.ClusterInfo;
import io.nsqj.admin.cluster.ClusterSnapshot;
import io.nsqj.admin.cluster.NodeStats;
import io.nsqj.admin.cluster.Producer;
import io.nsqj.admin.cluster.TopicView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The pages, type-checked at build time against src/main/resources/templates/*.html. */
@CheckedTemplate
final class Templates {
    private Templates() {
    }

    static native TemplateInstance topics(Page page, List<TopicView> topics, String totalChart);

    static native TemplateInstance topic(Page page, List<String> actions, TopicView topic, String topicChart, List<ChannelChart> channelCharts);

    static native TemplateInstance channel(Page page, List<String> actions, ChannelView channel, String channelChart);

    static native TemplateInstance nodes(Page page, ClusterSnapshot cluster);

    static native TemplateInstance node(Page page, String node, Producer producer, NodeStats stats,
                                          boolean canTombstone);

    static native TemplateInstance lookup(Page page, ClusterInfo.LookupListing listing, ClusterSnapshot cluster);

    static native TemplateInstance counter(Page page, long processed, String totalChart);

    /** A channel's name with its rate graph, for the topic page. */
    record ChannelChart(String channel, String svg) {
    }
}
