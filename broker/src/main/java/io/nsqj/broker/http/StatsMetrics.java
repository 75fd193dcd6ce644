package io.nsqj.broker.http;

import io.nsqj.broker.core.ChannelStats;
import io.nsqj.broker.core.ClientStats;
import io.nsqj.broker.core.TopicStats;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * /stats as Prometheus gauges, with lovoo/nsq_exporter's names, labels and types (every one a gauge, counters
 * included), so that dashboards written for nsq_exporter keep working. Built from a fresh stats snapshot at each
 * scrape, so a deleted topic, channel or disconnected client is simply absent from the next one and nothing is
 * counted per message. Called on the scrape's worker thread (Quarkus serves /q/metrics as a blocking route),
 * which waits for the topics' loops to answer.
 */
final class StatsMetrics extends Collector implements Collector.Describable {
    private static final System.Logger LOG = System.getLogger(StatsMetrics.class.getName());
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);

    private static final List<String> TOPIC_LABELS = List.of("topic", "paused");
    private static final List<String> CHANNEL_LABELS = List.of("topic", "channel", "paused");
    private static final List<String> CLIENT_LABELS = List.of("topic", "channel", "deflate", "snappy", "tls",
            "client_id", "hostname", "version", "remote_address");

    private static final List<Gauge<TopicStats>> TOPIC = List.of(
            new Gauge<>("nsq_topic_channel_count", "Number of channels", t -> t.channels().size()),
            new Gauge<>("nsq_topic_depth", "Queue depth", TopicStats::depth),
            new Gauge<>("nsq_topic_backend_depth", "Queue backend depth", TopicStats::backendDepth),
            new Gauge<>("nsq_topic_backend_bytes",
                    "Bytes the disk queue holds unread, record headers included (not an nsq_exporter metric)",
                    TopicStats::backendBytes),
            new Gauge<>("nsq_topic_message_count", "Queue message count", TopicStats::messageCount),
            new Gauge<>("nsq_topic_message_bytes", "Bytes of messages published (not an nsq_exporter metric)",
                    TopicStats::messageBytes));
    private static final List<Gauge<ChannelStats>> CHANNEL = List.of(
            new Gauge<>("nsq_channel_client_count", "Number of clients", ChannelStats::clientCount),
            new Gauge<>("nsq_channel_depth", "Queue depth", ChannelStats::depth),
            new Gauge<>("nsq_channel_backend_depth", "Queue backend depth", ChannelStats::backendDepth),
            new Gauge<>("nsq_channel_backend_bytes",
                    "Bytes the disk queue holds unread, record headers included (not an nsq_exporter metric)",
                    ChannelStats::backendBytes),
            new Gauge<>("nsq_channel_message_count", "Queue message count", ChannelStats::messageCount),
            new Gauge<>("nsq_channel_in_flight_count", "In flight count", ChannelStats::inFlightCount),
            new Gauge<>("nsq_channel_deferred_count", "Deferred count", ChannelStats::deferredCount),
            new Gauge<>("nsq_channel_requeue_count", "Requeue Count", ChannelStats::requeueCount),
            new Gauge<>("nsq_channel_timeout_count", "Timeout count", ChannelStats::timeoutCount));
    private static final List<Gauge<ClientStats>> CLIENT = List.of(
            new Gauge<>("nsq_client_state", "State of client", ClientStats::state),
            new Gauge<>("nsq_client_finish_count", "Finish count", ClientStats::finishCount),
            new Gauge<>("nsq_client_message_count", "Queue message count", ClientStats::messageCount),
            new Gauge<>("nsq_client_ready_count", "Ready count", ClientStats::readyCount),
            new Gauge<>("nsq_client_in_flight_count", "In flight count", ClientStats::inFlightCount),
            new Gauge<>("nsq_client_requeue_count", "Requeue count", ClientStats::requeueCount),
            // nsqd's connect_ts is in seconds, as nsq_exporter passes it on
            new Gauge<>("nsq_client_connect_ts", "Connect timestamp", ClientStats::connectTs),
            new Gauge<>("nsq_client_sample_rate", "Sample Rate", ClientStats::sampleRate));

    private final Supplier<CompletableFuture<StatsSnapshot>> snapshots;

    StatsMetrics(StatsCollector stats) {
        this(() -> stats.collect("", "", true));
    }

    StatsMetrics(Supplier<CompletableFuture<StatsSnapshot>> snapshots) {
        this.snapshots = snapshots;
    }

    /** The names without their samples: registering would otherwise collect, before the broker has started. */
    @Override
    public List<MetricFamilySamples> describe() {
        return families(new StatsSnapshot(List.of(), List.of(), false, ""));
    }

    @Override
    public List<MetricFamilySamples> collect() {
        StatsSnapshot snapshot;
        try {
            snapshot = snapshots.get().get(SNAPSHOT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            // the broker is starting or stopping, or a loop is stuck (the liveness check reports that)
            LOG.log(System.Logger.Level.WARNING, "no stats for /q/metrics: " + e);
            return List.of();
        }
        return families(snapshot);
    }

    static List<MetricFamilySamples> families(StatsSnapshot snapshot) {
        List<TopicStats> topics = snapshot.topics() == null ? List.of() : snapshot.topics();
        List<MetricFamilySamples> out = new ArrayList<>();
        for (Gauge<TopicStats> g : TOPIC) {
            GaugeMetricFamily family = new GaugeMetricFamily(g.name, g.help, TOPIC_LABELS);
            for (TopicStats t : topics) {
                family.addMetric(List.of(t.topicName(), bool(t.paused())), g.value.applyAsDouble(t));
            }
            out.add(family);
        }
        for (Gauge<ChannelStats> g : CHANNEL) {
            GaugeMetricFamily family = new GaugeMetricFamily(g.name, g.help, CHANNEL_LABELS);
            for (TopicStats t : topics) {
                for (ChannelStats c : t.channels()) {
                    family.addMetric(List.of(t.topicName(), c.channelName(), bool(c.paused())),
                            g.value.applyAsDouble(c));
                }
            }
            out.add(family);
        }
        for (Gauge<ClientStats> g : CLIENT) {
            GaugeMetricFamily family = new GaugeMetricFamily(g.name, g.help, CLIENT_LABELS);
            for (TopicStats t : topics) {
                for (ChannelStats c : t.channels()) {
                    for (ClientStats client : c.clients() == null ? List.<ClientStats>of() : c.clients()) {
                        family.addMetric(clientLabels(t, c, client), g.value.applyAsDouble(client));
                    }
                }
            }
            out.add(family);
        }
        return out;
    }

    private static List<String> clientLabels(TopicStats t, ChannelStats c, ClientStats client) {
        return List.of(t.topicName(), c.channelName(), bool(client.deflate()), bool(client.snappy()),
                bool(client.tls()), orEmpty(client.clientId()), orEmpty(client.hostname()),
                orEmpty(client.version()), orEmpty(client.remoteAddress()));
    }

    /** A client that has not sent IDENTIFY has no client_id or hostname yet: Go's empty string. */
    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Go's strconv.FormatBool, as nsq_exporter writes the paused, tls, snappy and deflate labels. */
    private static String bool(boolean b) {
        return b ? "true" : "false";
    }

    private record Gauge<S>(String name, String help, ToDoubleFunction<S> value) {
    }
}
