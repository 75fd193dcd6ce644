package io.nsqj.lookupd.http;

import io.nsqj.lookupd.registry.Category;
import io.nsqj.lookupd.registry.PeerInfo;
import io.nsqj.lookupd.registry.Producer;
import io.nsqj.lookupd.registry.Registration;
import io.nsqj.lookupd.registry.RegistrationDB;
import io.nsqj.protocol.Names;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * nsqlookupd's HTTP endpoints. Each returns what nsqlookupd's handler returns: null for an empty 200, a string for
 * a plain body, otherwise a value written as JSON. Where nsqlookupd marshals a map the keys are sorted
 * ({@link TreeMap}); where it marshals a struct they follow its field order ({@link LinkedHashMap}).
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

    Object ping(String rawQuery) {
        return "OK";
    }

    Object info(String rawQuery) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", version);
        return info;
    }

    Object topics(String rawQuery) {
        return Map.of("topics", keys(db.findRegistrations(Category.TOPIC, Registration.ANY, "")));
    }

    Object channels(String rawQuery) throws ApiError {
        String topic = requiredTopic(QueryParams.parse(rawQuery));
        return Map.of("channels", subKeys(db.findRegistrations(Category.CHANNEL, topic, Registration.ANY)));
    }

    Object lookup(String rawQuery) throws ApiError {
        String topic = requiredTopic(QueryParams.parse(rawQuery));
        if (db.findRegistrations(Category.TOPIC, topic, "").isEmpty()) {
            throw ApiError.notFound("TOPIC_NOT_FOUND");
        }
        List<String> channels = subKeys(db.findRegistrations(Category.CHANNEL, topic, Registration.ANY));
        List<Object> producers = new ArrayList<>();
        for (Producer p : db.active(db.findProducers(Category.TOPIC, topic, ""), inactivityTimeoutNanos,
                tombstoneLifetimeNanos)) {
            producers.add(peerJson(p.peer()));
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("channels", channels);
        out.put("producers", producers);
        return out;
    }

    Object createTopic(String rawQuery) throws ApiError {
        String topic = requiredTopic(QueryParams.parse(rawQuery));
        if (!Names.isValidTopicName(topic)) {
            throw ApiError.badRequest("INVALID_ARG_TOPIC");
        }
        db.addRegistration(Registration.topic(topic));
        return null;
    }

    /** Not validated, as in nsqlookupd: "*" deletes every topic. */
    Object deleteTopic(String rawQuery) throws ApiError {
        String topic = requiredTopic(QueryParams.parse(rawQuery));
        db.findRegistrations(Category.CHANNEL, topic, Registration.ANY).forEach(db::removeRegistration);
        db.findRegistrations(Category.TOPIC, topic, "").forEach(db::removeRegistration);
        return null;
    }

    Object tombstoneTopicProducer(String rawQuery) throws ApiError {
        QueryParams params = QueryParams.parse(rawQuery);
        String topic = requiredTopic(params);
        String node = params.get("node");
        if (node == null) {
            throw ApiError.badRequest("MISSING_ARG_NODE");
        }
        db.tombstone(topic, node);
        return null;
    }

    Object createChannel(String rawQuery) throws ApiError {
        TopicChannelArgs args = TopicChannelArgs.from(QueryParams.parse(rawQuery));
        db.addRegistration(Registration.channel(args.topic(), args.channel()));
        db.addRegistration(Registration.topic(args.topic()));
        return null;
    }

    Object deleteChannel(String rawQuery) throws ApiError {
        TopicChannelArgs args = TopicChannelArgs.from(QueryParams.parse(rawQuery));
        List<Registration> found = db.findRegistrations(Category.CHANNEL, args.topic(), args.channel());
        if (found.isEmpty()) {
            throw ApiError.notFound("CHANNEL_NOT_FOUND");
        }
        found.forEach(db::removeRegistration);
        return null;
    }

    /** Every active nsqd, tombstoned or not, with its topics and whether each is tombstoned. */
    Object nodes(String rawQuery) {
        long now = db.nowNanos();
        List<Object> nodes = new ArrayList<>();
        for (Producer client : db.active(db.findProducers(Category.CLIENT, "", ""), inactivityTimeoutNanos, 0)) {
            PeerInfo peer = client.peer();
            List<String> topics = new ArrayList<>();
            List<Boolean> tombstones = new ArrayList<>();
            for (Registration r : db.lookupRegistrations(peer.id())) {
                if (r.matches(Category.TOPIC, Registration.ANY, "")) {
                    Producer inTopic = db.producerOf(r, peer.id());
                    topics.add(r.key());
                    tombstones.add(inTopic != null && inTopic.peer() == peer
                            && inTopic.isTombstoned(tombstoneLifetimeNanos, now));
                }
            }
            Map<String, Object> node = peerJson(peer);
            node.put("tombstones", tombstones);
            node.put("topics", topics);
            nodes.add(node);
        }
        return Map.of("producers", nodes);
    }

    /** Every registration that has producers, keyed "category:key:subkey", with the raw producer state. */
    Object debug(String rawQuery) {
        Map<String, Object> data = new TreeMap<>();
        db.snapshot().forEach((registration, producers) -> {
            if (producers.isEmpty()) {
                return;
            }
            List<Object> entries = new ArrayList<>();
            for (Producer p : producers) {
                PeerInfo peer = p.peer();
                Map<String, Object> m = new TreeMap<>();
                m.put("id", peer.id());
                m.put("hostname", peer.hostname());
                m.put("broadcast_address", peer.broadcastAddress());
                m.put("tcp_port", peer.tcpPort());
                m.put("http_port", peer.httpPort());
                m.put("version", peer.version());
                m.put("topology_zone", peer.topologyZone());
                m.put("topology_region", peer.topologyRegion());
                m.put("last_update", peer.lastUpdateNanos());
                m.put("tombstoned", p.wasTombstoned());
                m.put("tombstoned_at", p.tombstonedAtNanos());
                entries.add(m);
            }
            data.put(registration.debugKey(), entries);
        });
        return data;
    }

    private static String requiredTopic(QueryParams params) throws ApiError {
        String topic = params.get("topic");
        if (topic == null) {
            throw ApiError.badRequest("MISSING_ARG_TOPIC");
        }
        return topic;
    }

    /** A peer as nsqlookupd marshals its PeerInfo struct, in field order. */
    private static Map<String, Object> peerJson(PeerInfo peer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("remote_address", peer.remoteAddress());
        m.put("hostname", peer.hostname());
        m.put("broadcast_address", peer.broadcastAddress());
        m.put("tcp_port", peer.tcpPort());
        m.put("http_port", peer.httpPort());
        m.put("version", peer.version());
        m.put("topology_zone", peer.topologyZone());
        m.put("topology_region", peer.topologyRegion());
        return m;
    }

    private static List<String> keys(List<Registration> registrations) {
        return registrations.stream().map(Registration::key).toList();
    }

    private static List<String> subKeys(List<Registration> registrations) {
        return registrations.stream().map(Registration::subKey).toList();
    }
}
