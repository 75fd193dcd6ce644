package io.nsqj.it.client;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.MessageHandler;
import io.nsqj.client.NsqErrorException;
import io.nsqj.client.Producer;
import io.nsqj.protocol.ErrorCodes;
import io.nsqj.testsupport.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's producer and consumer against one real broker: every publish command, FIN, REQ, errors. */
class ClientPublishConsumeTest {
    private static BrokerProcess broker;
    private final List<Consumer> consumers = new ArrayList<>();
    private final List<Producer> producers = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = BrokerProcess.start("client-pubsub", "--max-msg-size=1000");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void closeClients() {
        consumers.forEach(Consumer::stop);
        producers.forEach(Producer::close);
    }

    @Test
    void everyPublishedMessageIsReceivedExactlyOnce() {
        Producer producer = producer(ClientConfig.defaults());
        ReceivedMessages received = new ReceivedMessages();
        consume("orders", received, config().maxInFlight(50).concurrency(4).build());

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            producer.publish("orders", bytes("pub-" + i));
            expected.add("pub-" + i);
        }
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(bytes("mpub-" + i));
            expected.add("mpub-" + i);
        }
        producer.multiPublish("orders", batch);
        producer.deferredPublish("orders", Duration.ofMillis(300), bytes("dpub"));
        expected.add("dpub");
        List<CompletableFuture<Void>> async = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            async.add(producer.publishAsync("orders", bytes("async-" + i)));
            expected.add("async-" + i);
        }
        CompletableFuture.allOf(async.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.distinct.equals(expected));
        assertEquals(expected.size(), received.count(), "a message was delivered twice");
    }

    @Test
    void batchedAsyncPublishesArriveAsMultiPublishes() {
        Producer producer = producer(ClientConfig.builder().publishBatchSize(20).publishBatchDelay(Duration.ofMillis(20)).build());
        ReceivedMessages received = new ReceivedMessages();
        consume("batched", received, config().maxInFlight(100).build());

        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            answers.add(producer.publishAsync("batched", bytes("m-" + i)));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.distinct.size() == 250);
        assertEquals(250, received.count());
    }

    @Test
    void failedHandlerGetsTheMessageAgainWithTwoAttempts() {
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        consume("flaky", message -> {
            attempts.computeIfAbsent(message.bodyAsString(), k -> new CopyOnWriteArrayList<>())
                    .add(message.attempts());
            if (message.attempts() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }, config().build());

        producer(ClientConfig.defaults()).publish("flaky", bytes("job"));

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts.getOrDefault("job", List.of()).size() == 2);
        assertEquals(List.of(1, 2), attempts.get("job"));
    }

    @Test
    void messagesPastMaxAttemptsAreFinishedWithoutTheHandler() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        consume("poison", message -> {
            seen.add(message.attempts());
            throw new IllegalStateException("always fails");
        }, config().maxAttempts(2).build());

        producer(ClientConfig.defaults()).publish("poison", bytes("bad"));

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
        // the third delivery is finished unseen; nothing more follows it
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertEquals(List.of(1, 2), seen);
    }

    @Test
    void manualRequeueAndFinishAreHonoured() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        consume("manual", message -> {
            seen.add(message.attempts());
            message.touch();
            if (message.attempts() == 1) {
                message.requeueWithoutBackoff(Duration.ZERO);
            } else {
                message.finish();
            }
        }, config().build());

        producer(ClientConfig.defaults()).publish("manual", bytes("x"));

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
    }

    @Test
    void errorFramesBecomeExceptionsWithNsqdsCodeAndTheProducerCarriesOn() {
        Producer producer = producer(ClientConfig.defaults());
        NsqErrorException tooBig = assertThrows(NsqErrorException.class,
                () -> producer.publish("errors", new byte[2000]));
        assertEquals(ErrorCodes.E_BAD_MESSAGE, tooBig.code());
        // nsqd closed the connection after that fatal error; the next publish opens a new one
        producer.publish("errors", bytes("fine"));
    }

    @Test
    void invalidTopicNamesAreRefusedBeforeReachingNsqd() {
        Producer producer = producer(ClientConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> producer.publish("bad topic!", bytes("x")));
        assertTrue(producer.publishAsync("ok", bytes("y")).thenApply(v -> true).join());
    }

    private ClientConfig.Builder config() {
        return ClientConfig.builder().defaultRequeueDelay(Duration.ZERO).backoffMultiplier(Duration.ofMillis(10))
                .maxBackoffDuration(Duration.ofMillis(100));
    }

    private void consume(String topic, MessageHandler handler, ClientConfig config) {
        Consumer consumer = new Consumer(topic, "ch", handler, config);
        consumers.add(consumer);
        consumer.connectToNsqd(broker.tcpAddress());
    }

    private Producer producer(ClientConfig config) {
        Producer p = new Producer(broker.tcpAddress(), config);
        producers.add(p);
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
