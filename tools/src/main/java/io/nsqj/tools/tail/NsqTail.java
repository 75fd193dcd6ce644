package io.nsqj.tools.tail;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.tools.cli.ConsumerFlags;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.StdLog;
import io.nsqj.tools.cli.StopSignal;
import io.nsqj.tools.cli.ToolExit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * NSQ's nsq_tail: prints the messages of one or more topics (one consumer per topic, all on one channel,
 * by default an ephemeral one of its own) until SIGINT/SIGTERM or -n messages.
 */
public final class NsqTail {
    static final String VERSION = "1.3.0";

    private NsqTail() {
    }

    public static void run(String[] args) throws InterruptedException {
        FlagSet flags = new FlagSet("nsq_tail")
                .bool("version", false, "print version string")
                .string("channel", "", "NSQ channel")
                .integer("n", 0, "total messages to show (will wait if starved)")
                .bool("print-topic", false, "print topic name where message was received")
                .strings("topic", "NSQ topic (may be given multiple times)");
        ConsumerFlags.define(flags, 200);
        flags.parse(args);

        if (flags.getBool("version")) {
            System.out.println("nsq_tail v" + VERSION);
            return;
        }
        String channel = flags.getString("channel");
        if (channel.isEmpty()) {
            channel = String.format("tail%06d#ephemeral", ThreadLocalRandom.current().nextInt(999999));
        }
        ConsumerFlags.check(flags);
        List<String> topics = flags.getStrings("topic");
        if (topics.isEmpty()) {
            throw ToolExit.fatal("--topic required");
        }

        StopSignal signal = StopSignal.install();
        long total = flags.getLong("n");
        int maxInFlight = flags.getInt("max-in-flight");
        // don't ask for more messages than we want
        if (total > 0 && total < maxInFlight) {
            maxInFlight = (int) total;
        }
        ClientConfig config;
        try {
            config = ConsumerFlags.config(flags)
                    .maxInFlight(maxInFlight)
                    .userAgent("nsq_tail/" + VERSION + " nsqj-client/" + ClientConfig.VERSION)
                    .build();
        } catch (IllegalArgumentException e) {
            throw ToolExit.fatal(e.getMessage());
        }

        TailStop stop = new TailStop(signal);
        TailOutput output = TailOutput.stdout(flags.getBool("print-topic"));
        List<Consumer> consumers = new ArrayList<>();
        try {
            for (String topic : topics) {
                StdLog.printf("Adding consumer for topic: %s", topic);
                Consumer consumer = newConsumer(topic, channel, new TailHandler(topic, output, total, stop), config);
                consumers.add(consumer);
                ConsumerFlags.connect(consumer, flags);
            }
            stop.await();
        } finally {
            stopAll(consumers);
        }
        if (stop.failure() != null) {
            throw ToolExit.fatal(stop.failure());
        }
    }

    private static Consumer newConsumer(String topic, String channel, TailHandler handler, ClientConfig config) {
        try {
            return new Consumer(topic, channel, handler, config);
        } catch (IllegalArgumentException e) {
            throw ToolExit.fatal(e.getMessage());
        }
    }

    /** Each consumer stops taking messages and answers the ones it holds; they stop side by side. */
    private static void stopAll(List<Consumer> consumers) throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        for (Consumer c : consumers) {
            Thread t = new Thread(c::stop, "nsq_tail-stop-" + c.topic());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            t.join();
        }
    }
}
