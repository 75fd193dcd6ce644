package io.nsqj.tools.nsqtonsq;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.Producer;
import io.nsqj.protocol.Names;
import io.nsqj.tools.cli.ClientOptions;
import io.nsqj.tools.cli.ConsumerFlags;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.StopSignal;
import io.nsqj.tools.cli.ToolExit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NSQ's nsq_to_nsq: consumes topics' channels and republishes every message over TCP to destination nsqd
 * ({@code -destination-nsqd-tcp-address}); a message is FINed only once a destination acknowledged its PUB.
 * SIGINT or SIGTERM stops consuming and waits for the publishes in flight.
 */
public final class NsqToNsq {
    static final String VERSION = "1.3.0";

    private NsqToNsq() {
    }

    static FlagSet flags() {
        FlagSet flags = new FlagSet("nsq_to_nsq")
                .bool("version", false, "print version string")
                .string("channel", "nsq_to_nsq", "nsq channel")
                .string("destination-topic", "", "use this destination topic for all consumed topics (default is consumed topic name)")
                .integer("status-every", 250, "the # of requests between logging status (per destination), 0 disables")
                .string("mode", "hostpool", "the upstream request mode options: round-robin, hostpool (default), epsilon-greedy, fanout (every destination)")
                .strings("destination-nsqd-tcp-address", "destination nsqd TCP address (may be given multiple times)")
                .strings("topic", "nsq topic (may be given multiple times)")
                .strings("whitelist-json-field", "for JSON messages: pass this field (may be given multiple times)")
                .string("require-json-field", "", "for JSON messages: only pass messages that contain this field")
                .string("require-json-value", "", "for JSON messages: only pass messages in which the required field has this value")
                .strings("producer-opt", "option to passthrough to nsq.Producer (may be given multiple times, see http://godoc.org/github.com/nsqio/go-nsq#Config)");
        ConsumerFlags.define(flags, 200);
        return flags;
    }

    public static void run(String[] args) throws InterruptedException {
        FlagSet flags = flags().parse(args);
        if (flags.getBool("version")) {
            System.out.println("nsq_to_nsq v" + VERSION);
            return;
        }
        List<String> topics = flags.getStrings("topic");
        String channel = flags.getString("channel");
        String destinationTopic = flags.getString("destination-topic");
        if (topics.isEmpty() || channel.isEmpty()) {
            throw ToolExit.fatal("--topic and --channel are required");
        }
        for (String topic : topics) {
            if (!Names.isValidTopicName(topic)) {
                throw ToolExit.fatal("--topic is invalid");
            }
        }
        if (!destinationTopic.isEmpty() && !Names.isValidTopicName(destinationTopic)) {
            throw ToolExit.fatal("--destination-topic is invalid");
        }
        if (!Names.isValidChannelName(channel)) {
            throw ToolExit.fatal("--channel is invalid");
        }
        ConsumerFlags.check(flags);
        List<String> destinations = flags.getStrings("destination-nsqd-tcp-address");
        if (destinations.isEmpty()) {
            throw ToolExit.fatal("--destination-nsqd-tcp-address required");
        }

        StopSignal stop = StopSignal.install();
        String userAgent = "nsq_to_nsq/" + VERSION + " nsqj-client/" + ClientConfig.VERSION;
        ClientConfig.Builder producerConfig = ClientConfig.builder();
        ClientOptions.apply(flags.getStrings("producer-opt"), producerConfig);
        producerConfig.userAgent(userAgent);
        // as NSQ's, the tool's own -max-in-flight and user agent win over -consumer-opt
        ClientConfig consumerConfig = ConsumerFlags.config(flags)
                .maxInFlight(flags.getInt("max-in-flight"))
                .concurrency(destinations.size())
                .userAgent(userAgent)
                .build();
        Map<String, Producer> producers = new LinkedHashMap<>();
        List<Consumer> consumers = new ArrayList<>();
        try {
            ClientConfig built = producerConfig.build();
            for (String address : destinations) {
                try {
                    producers.put(address, new Producer(address, built));
                } catch (IllegalArgumentException e) {
                    throw ToolExit.fatal("failed creating producer " + e.getMessage());
                }
            }
            JsonFilter filter = new JsonFilter(flags.getString("require-json-field"),
                    flags.getString("require-json-value"), flags.getStrings("whitelist-json-field"));
            PublishHandler publisher = new PublishHandler(destinations, producers,
                    PublishHandler.Mode.of(flags.getString("mode")), filter, consumerConfig.defaultRequeueDelay(),
                    consumerConfig.maxRequeueDelay(), flags.getInt("status-every"));
            for (String topic : topics) {
                String publishTopic = destinationTopic.isEmpty() ? topic : destinationTopic;
                consumers.add(new Consumer(topic, channel, publisher.publishingTo(publishTopic), consumerConfig));
            }
            for (Consumer consumer : consumers) {
                ConsumerFlags.connect(consumer, flags);
            }
            stop.await();
        } finally {
            for (Consumer consumer : consumers) {
                consumer.stop();
            }
            for (Producer producer : producers.values()) {
                producer.close();
            }
        }
    }
}
