package io.nsqj.it.client;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.MessageHandler;
import io.nsqj.client.Producer;
import io.nsqj.testsupport.BrokerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broker restarts under a producer and a consumer, and a consumer's graceful stop. */
class ClientLifecycleTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void producerReconnectsAfterTheBrokerRestarts() {
        BrokerProcess broker = broker("producer-restart");
        Producer producer = new Producer(broker.tcpAddress(), ClientConfig.defaults());
        resources.add(producer);
        producer.publish("restarts", bytes("before"));

        broker.stop();
        broker.start();

        producer.publish("restarts", bytes("after"));
        ReceivedMessages received = new ReceivedMessages();
        consumer("restarts", received, ClientConfig.defaults()).connectToNsqd(broker.tcpAddress());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct.equals(Set.of("before", "after")));
    }

    @Test
    void consumerReconnectsToADirectBrokerAfterItRestarts() {
        BrokerProcess broker = broker("consumer-restart");
        ReceivedMessages received = new ReceivedMessages();
        Consumer consumer = consumer("comeback", received,
                ClientConfig.builder().reconnectMinDelay(Duration.ofMillis(100)).build());
        consumer.connectToNsqd(broker.tcpAddress());
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.connectedAddresses().size() == 1);

        broker.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.connectedAddresses().isEmpty());
        broker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.connectedAddresses().size() == 1);

        try (Producer producer = new Producer(broker.tcpAddress(), ClientConfig.defaults())) {
            producer.publish("comeback", bytes("after-restart"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.distinct.contains("after-restart"));
    }

    @Test
    void gracefulStopAnswersEveryDeliveredMessageAndLosesNone() throws Exception {
        BrokerProcess broker = broker("graceful-stop");
        Set<String> published = new HashSet<>();
        try (Producer producer = new Producer(broker.tcpAddress(), ClientConfig.defaults())) {
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                bodies.add(bytes("m-" + i));
                published.add("m-" + i);
            }
            producer.multiPublish("drain", bodies);
        }

        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Consumer first = new Consumer("drain", "ch", message -> {
            started.incrementAndGet();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            handled.add(message.bodyAsString());
        }, ClientConfig.builder().maxInFlight(10).concurrency(2).stopTimeout(Duration.ofSeconds(10)).build());
        first.connectToNsqd(broker.tcpAddress());
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 2);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::stop);
        // CLS is out once the connection no longer counts as subscribed; handlers still hold their messages
        await().atMost(Duration.ofSeconds(5)).until(() -> first.connectedAddresses().isEmpty());
        assertEquals(0, handled.size());
        release.countDown();
        stopping.get(15, TimeUnit.SECONDS);
        assertTrue(first.isStopped());
        assertEquals(10, handled.size(), "every message delivered before CLS is handled");

        List<Integer> laterAttempts = new ArrayList<>();
        Set<String> rest = ConcurrentHashMap.newKeySet();
        consumer("drain", message -> {
            synchronized (laterAttempts) {
                laterAttempts.add(message.attempts());
            }
            rest.add(message.bodyAsString());
        }, ClientConfig.builder().maxInFlight(10).build()).connectToNsqd(broker.tcpAddress());
        await().atMost(Duration.ofSeconds(10)).until(() -> rest.size() == 20);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> rest.size() == 20);

        Set<String> all = new HashSet<>(handled);
        all.addAll(rest);
        assertEquals(published, all, "nothing lost");
        assertTrue(rest.stream().noneMatch(handled::contains), "nothing handled twice");
        synchronized (laterAttempts) {
            assertTrue(laterAttempts.stream().allMatch(a -> a == 1), "nothing redelivered: " + laterAttempts);
        }
    }

    private BrokerProcess broker(String name) {
        BrokerProcess broker = BrokerProcess.start(name);
        resources.add(broker);
        return broker;
    }

    private Consumer consumer(String topic, MessageHandler handler, ClientConfig config) {
        Consumer consumer = new Consumer(topic, "ch", handler, config);
        resources.add(consumer::stop);
        return consumer;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
