package io.nsqj.it;

import com.sproutsocial.nsq.BackoffHandler;
import com.sproutsocial.nsq.Client;
import com.sproutsocial.nsq.DirectSubscriber;
import com.sproutsocial.nsq.Message;
import com.sproutsocial.nsq.MessageHandler;
import com.sproutsocial.nsq.Publisher;
import com.sproutsocial.nsq.Subscriber;
import io.nsqj.testsupport.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker driven by nsq-j (com.sproutsocial:nsq-j 1.2), a third-party Java client, pointed at the broker's
 * TCP address without lookupd: its Publisher publishes (PUB, MPUB, DPUB), its DirectSubscriber consumes.
 */
class NsqJClientTest {
    private static final long MSG_TIMEOUT_MILLIS = 2000;
    private static final long WAIT_SECONDS = 10;

    static BrokerProcess broker;
    static Client publisherClient;
    static Publisher publisher;
    final List<Subscriber> subscribers = new ArrayList<>();
    final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    String topic;

    /** One message as a subscriber's handler saw it. */
    record Delivery(String consumer, String body, int attempts, String id, long atNanos) {
    }

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("nsq-j", "--msg-timeout=" + MSG_TIMEOUT_MILLIS + "ms");
        publisherClient = new Client();
        publisher = new Publisher(publisherClient, broker.tcpAddress(), null);
    }

    @AfterAll
    static void stop() {
        publisherClient.stop();
        broker.close();
    }

    @BeforeEach
    void name(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void stopSubscribers() {
        subscribers.forEach(Subscriber::stop);
    }

    /** Subscribes a new nsq-j consumer whose handler records each delivery, then does {@code then}. */
    private void consume(String consumer, String channel, int maxInFlight, Consumer<Message> then) {
        consume(channel, maxInFlight, recording(consumer, then));
    }

    private void consume(String channel, int maxInFlight, MessageHandler handler) {
        DirectSubscriber subscriber = new DirectSubscriber(60, broker.tcpAddress());
        // nsq-j batches FINs; flushing them quickly keeps them well inside the 2s message timeout
        subscriber.setMaxFlushDelayMillis(100);
        subscribers.add(subscriber);
        subscriber.subscribe(topic, channel, maxInFlight, handler);
    }

    private MessageHandler recording(String consumer, Consumer<Message> then) {
        return msg -> {
            deliveries.add(new Delivery(consumer, new String(msg.getData(), StandardCharsets.UTF_8),
                    msg.getAttempts(), msg.getId(), System.nanoTime()));
            then.accept(msg);
        };
    }

    private Delivery next() throws InterruptedException {
        Delivery d = deliveries.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(d, "no delivery within " + WAIT_SECONDS + "s");
        return d;
    }

    private List<Delivery> next(int count) throws InterruptedException {
        List<Delivery> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(next());
        }
        return list;
    }

    private void assertNoMoreDeliveries() throws InterruptedException {
        assertNull(deliveries.poll(300, TimeUnit.MILLISECONDS), "no message is delivered twice");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> bodies(String prefix, int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(prefix + " " + i);
        }
        return list;
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    @Test
    void publishedMessageIsConsumed() throws InterruptedException {
        consume("c", "ch", 1, Message::finish);
        publisher.publish(topic, bytes("hello"));
        Delivery d = next();
        assertEquals("hello", d.body());
        assertEquals(1, d.attempts());
        assertNoMoreDeliveries();
    }

    @Test
    void batchPublishedMessagesAreAllConsumedOnce() throws InterruptedException {
        consume("c", "ch", 10, Message::finish);
        List<String> sent = bodies("batch", 25);
        publisher.publish(topic, sent.stream().map(NsqJClientTest::bytes).toList());
        Set<String> received = new HashSet<>();
        for (Delivery d : next(sent.size())) {
            assertTrue(received.add(d.body()), "delivered twice: " + d);
        }
        assertEquals(new HashSet<>(sent), received);
        assertNoMoreDeliveries();
    }

    @Test
    void messageOfAFailingHandlerIsRequeuedAndRedeliveredWithAttemptsTwo() throws InterruptedException {
        // nsq-j's BackoffHandler answers a handler's exception with REQ
        consume("ch", 1, new BackoffHandler(recording("c", msg -> {
            if (msg.getAttempts() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }), 10, 100));
        publisher.publish(topic, bytes("flaky"));
        Delivery first = next();
        Delivery second = next();
        assertEquals(1, first.attempts());
        assertEquals(2, second.attempts());
        assertEquals(first.id(), second.id());
        assertEquals("flaky", second.body());
        assertNoMoreDeliveries();
    }

    @Test
    void messageRequeuedWithADelayIsRedeliveredAfterIt() throws InterruptedException {
        consume("c", "ch", 1, msg -> {
            if (msg.getAttempts() == 1) {
                msg.requeue(700);
            } else {
                msg.finish();
            }
        });
        publisher.publish(topic, bytes("later"));
        Delivery first = next();
        Delivery second = next();
        assertEquals(2, second.attempts());
        assertEquals(first.id(), second.id());
        long waited = millisBetween(first.atNanos(), second.atNanos());
        assertTrue(waited >= 650, "redelivered after " + waited + "ms");
    }

    @Test
    void unfinishedMessageIsRedeliveredAfterTheMsgTimeout() throws InterruptedException {
        consume("c", "ch", 1, msg -> {
            if (msg.getAttempts() > 1) {
                msg.finish();
            }
        });
        publisher.publish(topic, bytes("forgotten"));
        Delivery first = next();
        Delivery second = next();
        assertEquals(1, first.attempts());
        assertEquals(2, second.attempts());
        assertEquals(first.id(), second.id());
        long waited = millisBetween(first.atNanos(), second.atNanos());
        assertTrue(waited >= MSG_TIMEOUT_MILLIS - 100 && waited < MSG_TIMEOUT_MILLIS + 1500,
                "redelivered after " + waited + "ms");
        assertNoMoreDeliveries();
    }

    @Test
    void deferredPublishIsNotDeliveredBeforeItsDelay() throws InterruptedException {
        consume("c", "ch", 1, Message::finish);
        long publishedAt = System.nanoTime();
        publisher.publishDeferred(topic, bytes("deferred"), 1000, TimeUnit.MILLISECONDS);
        Delivery d = next();
        assertEquals("deferred", d.body());
        long waited = millisBetween(publishedAt, d.atNanos());
        assertTrue(waited >= 1000, "delivered after " + waited + "ms");
    }

    @Test
    void consumersOfOneChannelShareItsMessages() throws InterruptedException {
        List<String> names = List.of("a", "b", "c");
        for (String name : names) {
            consume(name, "shared", 5, Message::finish);
        }
        List<String> sent = bodies("shared", 30);
        for (String body : sent) {
            publisher.publish(topic, bytes(body));
        }
        Set<String> received = new HashSet<>();
        Map<String, Integer> perConsumer = new HashMap<>();
        for (Delivery d : next(sent.size())) {
            assertTrue(received.add(d.body()), "delivered twice: " + d);
            perConsumer.merge(d.consumer(), 1, Integer::sum);
        }
        assertEquals(new HashSet<>(sent), received);
        assertEquals(new HashSet<>(names), perConsumer.keySet(), "every consumer got a share: " + perConsumer);
        assertNoMoreDeliveries();
    }

    @Test
    void everyChannelOfATopicGetsEveryMessage() throws InterruptedException {
        List<String> channels = List.of("one", "two", "three");
        for (String channel : channels) {
            consume(channel, channel, 10, Message::finish);
        }
        List<String> sent = bodies("fan-out", 10);
        publisher.publish(topic, sent.stream().map(NsqJClientTest::bytes).toList());
        Map<String, Set<String>> perChannel = new HashMap<>();
        for (Delivery d : next(sent.size() * channels.size())) {
            assertTrue(perChannel.computeIfAbsent(d.consumer(), c -> new HashSet<>()).add(d.body()),
                    "delivered twice: " + d);
        }
        for (String channel : channels) {
            assertEquals(new HashSet<>(sent), perChannel.get(channel), channel);
        }
        assertNoMoreDeliveries();
    }
}
