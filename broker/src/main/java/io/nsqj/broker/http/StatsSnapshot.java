package io.nsqj.broker.http;

import io.nsqj.broker.core.ClientStats;
import io.nsqj.broker.core.TopicStats;

import java.util.List;

/**
 * nsqd's Stats: the topics (null when the requested topic does not exist, as Go's nil slice) and the TCP
 * clients that published (null when there are none or clients were not asked for).
 *
 * @param includeClients whether channels list their clients; when not, their "clients" is null
 * @param topicFilter    the requested topic, "" for all: clients' pub_counts only show that topic
 */
record StatsSnapshot(List<TopicStats> topics, List<ClientStats> producers, boolean includeClients,
                     String topicFilter) {
}
