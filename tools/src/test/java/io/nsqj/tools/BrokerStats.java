package io.nsqj.tools;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A broker as the tools' tests look at it: publishing over HTTP and reading its /stats. */
public final class BrokerStats {
    private BrokerStats() {
    }

    /** Each body one message, in one MPUB. */
    public static void publish(BrokerProcess broker, String topic, List<String> bodies) {
        HttpAnswer a = HttpAnswer.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/mpub?topic=" + escape(topic)))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", bodies))));
        if (a.status() != 200) {
            throw new IllegalStateException("mpub failed: " + a.status() + " " + a.body());
        }
    }

    /** Creates the topic too when it is new. */
    public static void createChannel(BrokerProcess broker, String topic, String channel) {
        HttpAnswer t = HttpAnswer.post(broker.httpUrl() + "/topic/create?topic=" + escape(topic));
        if (t.status() != 200) {
            throw new IllegalStateException("topic/create failed: " + t.status() + " " + t.body());
        }
        HttpAnswer a = HttpAnswer.post(broker.httpUrl() + "/channel/create?topic=" + escape(topic) + "&channel=" + escape(channel));
        if (a.status() != 200) {
            throw new IllegalStateException("channel/create failed: " + a.status() + " " + a.body());
        }
    }

    /** The topic's stats, or null while the broker has no such topic. */
    public static JsonObject topic(BrokerProcess broker, String topic) {
        HttpAnswer a = HttpAnswer.get(broker.httpUrl() + "/stats?format=json&topic=" + escape(topic));
        for (Object t : array(new JsonObject(a.body()), "topics")) {
            JsonObject stats = (JsonObject) t;
            if (topic.equals(stats.getString("topic_name"))) {
                return stats;
            }
        }
        return null;
    }

    /** The channel's stats, or null while the broker has no such channel. */
    public static JsonObject channel(BrokerProcess broker, String topic, String channel) {
        JsonObject t = topic(broker, topic);
        if (t == null) {
            return null;
        }
        for (Object c : array(t, "channels")) {
            JsonObject stats = (JsonObject) c;
            if (channel.equals(stats.getString("channel_name"))) {
                return stats;
            }
        }
        return null;
    }

    public static long topicMessageCount(BrokerProcess broker, String topic) {
        JsonObject t = topic(broker, topic);
        return t == null ? 0 : t.getLong("message_count");
    }

    /** Go marshals an empty slice as null. */
    private static JsonArray array(JsonObject o, String name) {
        JsonArray a = o.getJsonArray(name);
        return a == null ? new JsonArray() : a;
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
