package io.nsqj.tools.tonsq;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Producer;
import io.nsqj.tools.cli.ClientOptions;
import io.nsqj.tools.cli.FlagSet;
import io.nsqj.tools.cli.StdLog;
import io.nsqj.tools.cli.StopSignal;
import io.nsqj.tools.cli.ToolExit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NSQ's to_nsq: publishes stdin, split on -delimiter, to -topic on every nsqd given. It ends at the end of its
 * input or at SIGINT/SIGTERM (reading stops), once every message sent has nsqd's answer.
 */
public final class ToNsq {
    static final String VERSION = "1.3.0";

    private ToNsq() {
    }

    public static void run(String[] args) throws InterruptedException {
        FlagSet flags = new FlagSet("to_nsq")
                .string("topic", "", "NSQ topic to publish to")
                .string("delimiter", "\n", "character to split input from stdin")
                .strings("nsqd-tcp-address", "destination nsqd TCP address (may be given multiple times)")
                .strings("producer-opt", "option to passthrough to nsq.Producer (may be given multiple times, http://godoc.org/github.com/nsqio/go-nsq#Config)")
                .integer("rate", 0, "Throttle messages to n/second. 0 to disable");
        flags.parse(args);

        String topic = flags.getString("topic");
        if (topic.isEmpty()) {
            throw ToolExit.fatal("--topic required");
        }
        byte[] delimiter = flags.getString("delimiter").getBytes(StandardCharsets.UTF_8);
        if (delimiter.length != 1) {
            throw ToolExit.fatal("--delimiter must be a single byte");
        }

        StopSignal stop = StopSignal.install();
        ClientConfig.Builder builder = ClientConfig.builder();
        ClientOptions.apply(flags.getStrings("producer-opt"), builder);
        ClientConfig config = builder.userAgent("to_nsq/" + VERSION + " nsqj-client/" + ClientConfig.VERSION).build();

        List<Producer> producers = new ArrayList<>();
        for (String address : new LinkedHashSet<>(flags.getStrings("nsqd-tcp-address"))) {
            try {
                producers.add(new Producer(address, config));
            } catch (IllegalArgumentException e) {
                throw ToolExit.fatal("failed to create nsq.Producer - " + e.getMessage());
            }
        }
        if (producers.isEmpty()) {
            throw ToolExit.fatal("--nsqd-tcp-address required");
        }

        long rate = flags.getLong("rate");
        Throttle throttle = null;
        if (rate >= 1) {
            StdLog.printf("Throttling messages rate to max:%d/second", rate);
            throttle = new Throttle(rate);
        }

        FanOutPublisher publisher = new FanOutPublisher(producers);
        AtomicReference<IOException> readFailure = new AtomicReference<>();
        Throttle pace = throttle;
        // stdin's read cannot be interrupted: the reader is a daemon left blocked when a signal ends the tool
        Thread reader = new Thread(() -> {
            try {
                publishAll(new DelimitedReader(new BufferedInputStream(System.in, 65536), delimiter[0]), topic, pace, publisher);
            } catch (IOException e) {
                readFailure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stop.trigger();
            }
        }, "to_nsq-stdin");
        reader.setDaemon(true);
        reader.start();

        stop.await();
        publisher.close();
        publisher.drain();
        for (Producer p : producers) {
            p.close();
        }
        if (publisher.failure() != null) {
            throw ToolExit.fatal(publisher.failure().getMessage());
        }
        if (readFailure.get() != null) {
            throw ToolExit.fatal(readFailure.get().toString());
        }
    }

    private static void publishAll(DelimitedReader in, String topic, Throttle throttle, FanOutPublisher publisher)
            throws IOException, InterruptedException {
        byte[] message;
        while ((message = in.next()) != null) {
            if (message.length == 0) {
                continue;
            }
            if (throttle != null) {
                throttle.acquire();
            }
            if (!publisher.publish(topic, message)) {
                return;
            }
        }
    }
}
