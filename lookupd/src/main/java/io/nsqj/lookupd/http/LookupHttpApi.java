package io.nsqj.lookupd.http;

import io.nsqj.lookupd.registry.Category;
import io.nsqj.lookupd.registry.PeerInfo;
import io.nsqj.lookupd.registry.Producer;
import io.nsqj.lookupd.registry.Registration;
import io.nsqj.lookupd.registry.RegistrationDB;
import io.nsqj.protocol.GoJson;
import io.nsqj.protocol.Names;
import io.nsqj.protocol.http.ApiError;
import io.nsqj.protocol.http.QueryParams;
import io.nsqj.protocol.http.TopicChannelArgs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * nsqlookupd's HTTP endpoints. Each returns the body of what nsqlookupd's handler returns: null for an empty 200,
 * the text of /ping, otherwise the JSON nsqlookupd marshals. Where it marshals a map the keys are written sorted,
 * as Go sorts them; where it marshals a struct they follow its field order.
 */
final class LookupHttpApi {
    private final RegistrationDB db;
    private final long inactivityTimeoutNanos;
    private final long tombstoneLifetimeNanos;
    private final String version;

    LookupHttpApi(RegistrationDB db, Duration inactiveProducerTimeout, Duration tombstoneLifetime, String version) {
        this.db = db;
        this.inactivityTimeoutNanos = inactiveProducerTimeout.toNanos();
        this.tombstoneLifetimeNanos = tombstoneLifetime.toNanos();
        this.version = version;
    }

    String ping(String rawQuery) {
        return "OK";
    }

    String info(String rawQuery) {
        return new GoJson().beginObject().name("version").value(version).endObject().toString();
    }

    String topics(String rawQuery) {
        return new GoJson().beginObject()
                .name("topics").stringArray(keys(db.findRegistrations(Category.TOPIC, Registration.ANY, "")))
                .endObject().toString();
    }

    String channels(String rawQuery) {
        String topic = params(rawQuery).required("topic", "MISSING_ARG_TOPIC");
        return new GoJson().beginObject()
                .name("channels").stringArray(subKeys(db.findRegistrations(Category.CHANNEL, topic, Registration.ANY)))
                .endObject().toString();
    }

    String lookup(String rawQuery) {
        String topic = params(rawQuery).required("topic", "MISSING_ARG_TOPIC");
        if (db.findRegistrations(Category.TOPIC, topic, "").isEmpty()) {
            throw new ApiError(404, "TOPIC_NOT_FOUND");
        }
        GoJson out = new GoJson().beginObject()
                .name("channels").stringArray(subKeys(db.findRegistrations(Category.CHANNEL, topic, Registration.ANY)))
                .name("producers").beginArray();
        for (Producer p : db.active(db.findProducers(Category.TOPIC, topic, ""), inactivityTimeoutNanos,
                tombstoneLifetimeNanos)) {
            peerFields(out.beginObject(), p.peer()).endObject();
        }
        return out.endArray().endObject().toString();
    }

    String createTopic(String rawQuery) {
        String topic = params(rawQuery).required("topic", "MISSING_ARG_TOPIC");
        if (!Names.isValidTopicName(topic)) {
            throw new ApiError(400, "INVALID_ARG_TOPIC");
        }
        db.addRegistration(Registration.topic(topic));
        return null;
    }

    /** Not validated, as in nsqlookupd: "*" deletes every topic. */
    String deleteTopic(String rawQuery) {
        String topic = params(rawQuery).required("topic", "MISSING_ARG_TOPIC");
        db.findRegistrations(Category.CHANNEL, topic, Registration.ANY).forEach(db::removeRegistration);
        db.findRegistrations(Category.TOPIC, topic, "").forEach(db::removeRegistration);
        return null;
    }

    String tombstoneTopicProducer(String rawQuery) {
        QueryParams params = params(rawQuery);
        String topic = params.required("topic", "MISSING_ARG_TOPIC");
        String node = params.required("node", "MISSING_ARG_NODE");
        db.tombstone(topic, node);
        return null;
    }

    String createChannel(String rawQuery) {
        TopicChannelArgs args = TopicChannelArgs.from(params(rawQuery));
        db.addRegistration(Registration.channel(args.topic(), args.channel()));
        db.addRegistration(Registration.topic(args.topic()));
        return null;
    }

    String deleteChannel(String rawQuery) {
        TopicChannelArgs args = TopicChannelArgs.from(params(rawQuery));
        List<Registration> found = db.findRegistrations(Category.CHANNEL, args.topic(), args.channel());
        if (found.isEmpty()) {
            throw new ApiError(404, "CHANNEL_NOT_FOUND");
        }
        found.forEach(db::removeRegistration);
        return null;
    }

    /** Every active nsqd, tombstoned or not, with its topics and whether each is tombstoned. */
    String nodes(String rawQuery) {
        long now = db.nowNanos();
        GoJson out = new GoJson().beginObject().name("producers").beginArray();
        for (Producer client : db.active(db.findProducers(Category.CLIENT, "", ""), inactivityTimeoutNanos, 0)) {
            PeerInfo peer = client.peer();
            List<Registration> topics = db.lookupRegistrations(peer.id()).stream()
                    .filter(r -> r.matches(Category.TOPIC, Registration.ANY, "")).toList();
            peerFields(out.beginObject(), peer).name("tombstones").beginArray();
            for (Registration r : topics) {
                Producer inTopic = db.producerOf(r, peer.id());
                out.value(inTopic != null && inTopic.peer() == peer
                        && inTopic.isTombstoned(tombstoneLifetimeNanos, now));
            }
            out.endArray().name("topics").stringArray(keys(topics)).endObject();
        }
        return out.endArray().endObject().toString();
    }

    /** Every registration that has producers, keyed "category:key:subkey", with the raw producer state. */
    String debug(String rawQuery) {
        // maps in nsqlookupd, the registrations' and each producer's: their keys are written sorted
        Map<String, List<Producer>> byKey = new TreeMap<>();
        db.snapshot().forEach((registration, producers) -> {
            if (!producers.isEmpty()) {
                byKey.put(registration.debugKey(), producers);
            }
        });
        GoJson out = new GoJson().beginObject();
        byKey.forEach((key, producers) -> {
            out.name(key).beginArray();
            for (Producer p : producers) {
                PeerInfo peer = p.peer();
                out.beginObject()
                        .name("broadcast_address").value(peer.broadcastAddress())
                        .name("hostname").value(peer.hostname())
                        .name("http_port").value(peer.httpPort())
                        .name("id").value(peer.id())
                        .name("last_update").value(peer.lastUpdateNanos())
                        .name("tcp_port").value(peer.tcpPort())
                        .name("tombstoned").value(p.wasTombstoned())
                        .name("tombstoned_at").value(p.tombstonedAtNanos())
                        .name("topology_region").value(peer.topologyRegion())
                        .name("topology_zone").value(peer.topologyZone())
                        .name("version").value(peer.version())
                        .endObject();
            }
            out.endArray();
        });
        return out.endObject().toString();
    }

    /** http_api.NewReqParams, which nsqlookupd's handlers call before reading any parameter. */
    private static QueryParams params(String rawQuery) {
        return QueryParams.parse(rawQuery).requireValid();
    }

    /** A peer's fields as nsqlookupd marshals its PeerInfo struct, in field order, into an open object. */
    private static GoJson peerFields(GoJson out, PeerInfo peer) {
        return out.name("remote_address").value(peer.remoteAddress())
                .name("hostname").value(peer.hostname())
                .name("broadcast_address").value(peer.broadcastAddress())
                .name("tcp_port").value(peer.tcpPort())
                .name("http_port").value(peer.httpPort())
                .name("version").value(peer.version())
                .name("topology_zone").value(peer.topologyZone())
                .name("topology_region").value(peer.topologyRegion());
    }

    private static List<String> keys(List<Registration> registrations) {
        return registrations.stream().map(Registration::key).toList();
    }

    private static List<String> subKeys(List<Registration> registrations) {
        return registrations.stream().map(Registration::subKey).toList();
    }
}
