package io.nsqj.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * nsqlookupd's answer to GET /lookup?topic=: {"channels":[...],"producers":[{"broadcast_address","tcp_port",...}]}.
 * nsqlookupd before 1.0 wrapped it as {"status_code":200,"data":{...}}; both are read.
 */
record LookupResponse(List<String> channels, List<NsqAddress> producers) {

    static LookupResponse parse(String body) {
        JsonObject json = new JsonObject(body);
        if (json.containsKey("data") && json.getValue("data") instanceof JsonObject wrapped) {
            json = wrapped;
        }
        List<String> channels = new ArrayList<>();
        JsonArray channelArray = json.getJsonArray("channels", new JsonArray());
        for (int i = 0; i < channelArray.size(); i++) {
            channels.add(channelArray.getString(i));
        }
        List<NsqAddress> producers = new ArrayList<>();
        JsonArray producerArray = json.getJsonArray("producers", new JsonArray());
        for (int i = 0; i < producerArray.size(); i++) {
            JsonObject p = producerArray.getJsonObject(i);
            producers.add(new NsqAddress(p.getString("broadcast_address"), p.getInteger("tcp_port")));
        }
        return new LookupResponse(List.copyOf(channels), List.copyOf(producers));
    }
}
