package io.nsqj.lookupd.http;

import io.nsqj.lookupd.registry.Category;
import io.nsqj.lookupd.registry.Producer;
import io.nsqj.lookupd.registry.Registration;
import io.nsqj.lookupd.registry.RegistrationDB;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

import java.util.List;

/**
 * What lookupd knows, as Prometheus gauges: the nsqd producers connected and the topics and channels they
 * registered, counted at scrape time from the registration DB (nsq_exporter has no lookupd metrics to copy).
 */
final class LookupMetrics extends Collector {
    private final RegistrationDB db;

    LookupMetrics(RegistrationDB db) {
        this.db = db;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<Producer> producers = db.findProducers(Category.CLIENT, "", "");
        List<Registration> topics = db.findRegistrations(Category.TOPIC, Registration.ANY, "");
        List<Registration> channels = db.findRegistrations(Category.CHANNEL, Registration.ANY, Registration.ANY);
        return List.of(
                new GaugeMetricFamily("nsqlookupd_producers", "nsqd producers connected", producers.size()),
                new GaugeMetricFamily("nsqlookupd_topics", "Topics registered by any producer", topics.size()),
                new GaugeMetricFamily("nsqlookupd_channels", "Channels registered by any producer",
                        channels.size()));
    }
}
