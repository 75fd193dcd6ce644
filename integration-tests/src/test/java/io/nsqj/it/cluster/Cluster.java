package io.nsqj.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.MessageHandler;
import io.nsqj.client.NsqAddress;
import io.nsqj.client.Producer;
import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.LookupdProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * NSQ's demo topology as bin/nsq-local starts it: 2 lookupds and 3 brokers, each broker registered with both
 * lookupds and broadcasting 127.0.0.1. Brokers added later join the same way. Closing stops them all.
 */
final class Cluster implements AutoCloseable {
    /**
     * How often consumers ask lookupd: far below go-nsq's 60s, so that tests see topology changes within
     * seconds; the measured pick-up times are bounded by it.
     */
    static final Duration LOOKUPD_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<LookupdProcess> lookupds;
    private final List<BrokerProcess> brokers = new CopyOnWriteArrayList<>();
    private final List<Consumer> consumers = new CopyOnWriteArrayList<>();

    private Cluster(String name, List<LookupdProcess> lookupds) {
        this.name = name;
        this.lookupds = lookupds;
    }

    /** Starts the lookupds, then the 3 brokers side by side (each start waits for a JVM). */
    static Cluster start(String name) {
        CompletableFuture<LookupdProcess> first = CompletableFuture.supplyAsync(() -> LookupdProcess.start(name + "-lookupd-1"));
        CompletableFuture<LookupdProcess> second = CompletableFuture.supplyAsync(() -> LookupdProcess.start(name + "-lookupd-2"));
        Cluster cluster = new Cluster(name, List.of(first.join(), second.join()));
        try {
            List<CompletableFuture<BrokerProcess>> starting = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String brokerName = "nsqd-" + i;
                starting.add(CompletableFuture.supplyAsync(() -> cluster.launch(brokerName)));
            }
            for (CompletableFuture<BrokerProcess> broker : starting) {
                cluster.brokers.add(broker.join());
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts another broker registered with both lookupds, with extra nsqd flags. */
    BrokerProcess startBroker(String brokerName, String... extraFlags) {
        BrokerProcess broker = launch(brokerName, extraFlags);
        brokers.add(broker);
        return broker;
    }

    private BrokerProcess launch(String brokerName, String... extraFlags) {
        List<String> flags = new ArrayList<>(List.of("--broadcast-address=127.0.0.1"));
        for (LookupdProcess lookupd : lookupds) {
            flags.add("--lookupd-tcp-address=127.0.0.1:" + lookupd.tcpPort());
        }
        flags.addAll(List.of(extraFlags));
        return BrokerProcess.start(name + "-" + brokerName, flags.toArray(String[]::new));
    }

    /** The 3 brokers of the topology, then those started later. */
    List<BrokerProcess> brokers() {
        return brokers;
    }

    List<LookupdProcess> lookupds() {
        return lookupds;
    }

    /** The lookupds' HTTP addresses, all a consumer is told. */
    String[] lookupdHttpAddresses() {
        return lookupds.stream().map(l -> "127.0.0.1:" + l.httpPort()).toArray(String[]::new);
    }

    /** A consumer of topic/ch that knows only the lookupds, polling them every {@link #LOOKUPD_POLL_INTERVAL}. */
    Consumer consumer(String topic, MessageHandler handler) {
        ClientConfig config = ClientConfig.builder().maxInFlight(20).lookupdPollInterval(LOOKUPD_POLL_INTERVAL)
                .stopTimeout(Duration.ofSeconds(5)).build();
        Consumer consumer = new Consumer(topic, "ch", handler, config);
        consumers.add(consumer);
        consumer.connectToLookupd(lookupdHttpAddresses());
        return consumer;
    }

    static void publish(BrokerProcess broker, String topic, String body) {
        try (Producer producer = new Producer(broker.tcpAddress(), ClientConfig.defaults())) {
            producer.publish(topic, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    static NsqAddress address(BrokerProcess broker) {
        return new NsqAddress("127.0.0.1", broker.tcpPort());
    }

    /** The brokers a lookupd lists as producers of the topic (none when it does not know the topic). */
    static Set<NsqAddress> listedBy(LookupdProcess lookupd, String topic) {
        HttpAnswer answer = HttpAnswer.get(lookupd.httpUrl() + "/lookup?topic=" + topic);
        Set<NsqAddress> producers = new HashSet<>();
        if (answer.status() != 200) {
            return producers;
        }
        try {
            for (JsonNode p : JSON.readTree(answer.body()).path("producers")) {
                producers.add(new NsqAddress(p.get("broadcast_address").asText(), p.get("tcp_port").asInt()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + answer.body(), e);
        }
        return producers;
    }

    @Override
    public void close() {
        consumers.forEach(Consumer::stop);
        brokers.forEach(BrokerProcess::close);
        lookupds.forEach(LookupdProcess::close);
    }
}
