package io.nsqj.broker.core;

import io.nsqj.broker.storage.DiskQueue;
import io.nsqj.broker.storage.PendingLog;
import io.nsqj.broker.storage.SegmentDeleter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicAndChannelTest {
    @TempDir
    Path dataPath;
    private final ManualLoop loop = new ManualLoop();
    private final List<String> events = new ArrayList<>();
    private MemoryBudget memoryBudget = MemoryBudget.unlimited();
    private MemoryBudget inFlightBudget = MemoryBudget.unlimited();
    private MemoryBudget deferredBudget = MemoryBudget.unlimited();
    private Topic topic;

    @BeforeEach
    void createTopic() throws IOException {
        topic = newTopic("orders", 3);
    }

    private Topic newTopic(String name, int memQueueSize) throws IOException {
        return newTopic(name, memQueueSize, SyncMode.INTERVAL);
    }

    private Topic newTopic(String name, int memQueueSize, SyncMode syncMode) throws IOException {
        return newTopic(name, memQueueSize, syncMode, 1 << 20);
    }

    private Topic newTopic(String name, int memQueueSize, SyncMode syncMode, long maxBytesPerFile)
            throws IOException {
        TopicOptions options = new TopicOptions(dataPath, 1, memQueueSize, maxBytesPerFile, 1 << 20, 2500, 2000,
                60_000, 900_000, 0, syncMode, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        return new Topic(name, loop, new LoopMemory(memoryBudget, inFlightBudget, deferredBudget), options, Runnable::run,
                SegmentDeleter.atOnce(), new TopicListener() {
            @Override
            public void topicCreated(Topic t) {
                events.add("topic+" + t.name());
            }

            @Override
            public void channelCreated(Topic t, Channel c) {
                events.add("channel+" + c.name());
            }

            @Override
            public void channelDeleted(Topic t, Channel c) {
                events.add("channel-" + c.name());
            }

            @Override
            public void topicDeleted(Topic t) {
                events.add("topic-" + t.name());
            }

            @Override
            public void metadataChanged() {
                events.add("meta");
            }
        });
    }

    private void publish(Topic t, String... bodies) throws IOException {
        List<byte[]> list = new ArrayList<>();
        for (String b : bodies) {
            list.add(b.getBytes(StandardCharsets.UTF_8));
        }
        t.publish(list, 0);
        loop.runPending();
    }

    private Subscription subscribe(String channel, RecordingSubscriber s, long rdy) throws Exception {
        return subscribe(topic, channel, s, rdy);
    }

    private Subscription subscribe(Topic t, String channel, RecordingSubscriber s, long rdy) throws Exception {
        Subscription sub = t.subscribe(channel, s, 60_000, 0);
        sub.channel().setReady(sub, rdy);
        loop.runPending();
        return sub;
    }

    @Test
    void messagesPublishedBeforeAnyChannelGoToTheFirstChannel() throws Exception {
        publish(topic, "a", "b", "c", "d", "e");
        RecordingSubscriber s = new RecordingSubscriber();
        subscribe("ch", s, 10);
        assertEquals(List.of("a", "b", "c", "d", "e"), s.messages.stream().map(RecordingSubscriber.Delivered::body).toList());
    }

    @Test
    void everyChannelGetsEveryMessageSharingOneBody() throws Exception {
        topic.getOrCreateChannel("one");
        topic.getOrCreateChannel("two");
        RecordingSubscriber s1 = new RecordingSubscriber();
        RecordingSubscriber s2 = new RecordingSubscriber();
        Subscription sub1 = subscribe("one", s1, 10);
        Subscription sub2 = subscribe("two", s2, 10);
        publish(topic, "x");
        assertEquals(1, s1.messages.size());
        assertEquals(1, s2.messages.size());
        assertEquals(s1.messages.get(0).id(), s2.messages.get(0).id());
        assertEquals(1, sub1.inFlightCount);
        assertEquals(1, sub2.inFlightCount);
    }

    @Test
    void rdyBoundsMessagesInFlightPerClient() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe("ch", s, 2);
        publish(topic, "1", "2", "3", "4");
        assertEquals(2, s.messages.size());
        assertNull(sub.channel().finish(sub, s.messages.get(0).id()));
        loop.runPending();
        assertEquals(3, s.messages.size());
    }

    @Test
    void subscribersOfOneChannelShareTheMessages() throws Exception {
        RecordingSubscriber a = new RecordingSubscriber();
        RecordingSubscriber b = new RecordingSubscriber();
        subscribe("ch", a, 100);
        subscribe("ch", b, 100);
        publish(topic, "1", "2", "3", "4");
        assertEquals(4, a.messages.size() + b.messages.size());
        assertTrue(a.messages.size() > 0 && b.messages.size() > 0);
    }

    @Test
    void oneDeliveryRoundIsOneWritePerSubscriber() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        subscribe("ch", s, 100);
        topic.publish(List.of(new byte[]{1}, new byte[]{2}, new byte[]{3}), 0);
        loop.runPending();
        assertEquals(3, s.messages.size());
        assertEquals(1, s.batches);
    }

    @Test
    void requeuedMessageComesBackWithAnotherAttempt() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe("ch", s, 1);
        publish(topic, "retry-me");
        assertNull(sub.channel().requeue(sub, s.messages.get(0).id(), 0));
        loop.runPending();
        assertEquals(2, s.messages.size());
        assertEquals(2, s.messages.get(1).attempts());
    }

    @Test
    void finishingAnUnknownIdIsReportedAsNsqdDoes() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe("ch", s, 1);
        assertEquals("ID not in flight", sub.channel().finish(sub, 42));
    }

    @Test
    void finishingAnotherClientsMessageIsRefused() throws Exception {
        RecordingSubscriber a = new RecordingSubscriber();
        RecordingSubscriber b = new RecordingSubscriber();
        Subscription subA = subscribe("ch", a, 1);
        Subscription subB = subscribe("ch", b, 0);
        publish(topic, "mine");
        assertEquals("client does not own message", subB.channel().finish(subB, a.messages.get(0).id()));
        assertNull(subA.channel().finish(subA, a.messages.get(0).id()));
    }

    @Test
    void inFlightMessagePastItsTimeoutIsRedelivered() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = topic.subscribe("ch", s, 1, 0);
        sub.channel().setReady(sub, 5);
        publish(topic, "slow");
        Thread.sleep(5);
        loop.tick();
        assertEquals(2, s.messages.size());
        assertEquals(2, s.messages.get(1).attempts());
        assertEquals(1, sub.channel().stats(false).timeoutCount());
    }

    @Test
    void disconnectingClientGivesItsInFlightMessagesBack() throws Exception {
        RecordingSubscriber a = new RecordingSubscriber();
        RecordingSubscriber b = new RecordingSubscriber();
        Subscription subA = subscribe("ch", a, 1);
        publish(topic, "held");
        subscribe("ch", b, 1);
        subA.channel().unsubscribe(subA);
        loop.runPending();
        assertEquals(List.of("held"), b.messages.stream().map(RecordingSubscriber.Delivered::body).toList());
    }

    @Test
    void pausedChannelDeliversNothingUntilUnpaused() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe("ch", s, 10);
        topic.pauseChannel(sub.channel(), true);
        publish(topic, "wait");
        assertEquals(0, s.messages.size());
        topic.pauseChannel(sub.channel(), false);
        loop.runPending();
        assertEquals(1, s.messages.size());
    }

    @Test
    void ephemeralChannelIsDeletedWithItsLastClient() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe("tmp#ephemeral", s, 1);
        sub.channel().unsubscribe(sub);
        assertNull(topic.channel("tmp#ephemeral"));
        assertTrue(events.contains("channel-tmp#ephemeral"));
    }

    @Test
    void ephemeralTopicIsDeletedWithItsLastChannel() throws Exception {
        Topic t = newTopic("t#ephemeral", 3);
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = t.subscribe("c#ephemeral", s, 60_000, 0);
        sub.channel().unsubscribe(sub);
        assertTrue(t.isDeleted());
        assertTrue(events.contains("topic-t#ephemeral"));
    }

    @Test
    void messagesBeyondTheMemoryQueueGoToDiskAndComeBack() throws Exception {
        Channel ch = topic.getOrCreateChannel("ch");
        publish(topic, "1", "2", "3", "4", "5", "6", "7");
        ChannelStats stats = ch.stats(false);
        assertEquals(7, stats.depth());
        assertEquals(4, stats.backendDepth());
        RecordingSubscriber s = new RecordingSubscriber();
        subscribe("ch", s, 100);
        assertEquals(7, s.messages.size());
    }

    @Test
    void emptyingAChannelDropsQueuedAndInFlightMessages() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe("ch", s, 1);
        publish(topic, "1", "2", "3");
        sub.channel().empty();
        ChannelStats stats = sub.channel().stats(false);
        assertEquals(0, stats.depth());
        assertEquals(0, stats.inFlightCount());
        assertEquals(0, sub.inFlightCount);
    }

    @Test
    void deferredMessageWaitsForItsTime() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        subscribe("ch", s, 1);
        topic.publish(List.of("later".getBytes(StandardCharsets.UTF_8)), 30);
        loop.runPending();
        assertEquals(0, s.messages.size());
        assertEquals(1, topic.channel("ch").stats(false).deferredCount());
        Thread.sleep(40);
        loop.tick();
        assertEquals(1, s.messages.size());
    }

    @Test
    void deferredMessageWaitingOnDiskInATopicWithoutChannelsKeepsItsDelay() throws Exception {
        Topic t = newTopic("no-channels-yet", 0);
        t.publish(List.of("later".getBytes(StandardCharsets.UTF_8)), 200);
        loop.runPending();
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(t, "ch", s, 1);
        assertEquals(0, s.messages.size());
        assertEquals(1, sub.channel().stats(false).deferredCount());
        Thread.sleep(220);
        loop.tick();
        assertEquals(1, s.messages.size());
    }

    @Test
    void deferredMessageKeepsItsDueTimeAcrossAGracefulRestart() throws Exception {
        Topic t = newTopic("restarting", 3);
        t.getOrCreateChannel("ch");
        t.publish(List.of("later".getBytes(StandardCharsets.UTF_8)), 300);
        loop.runPending();
        t.persist();

        Topic again = newTopic("restarting", 3);
        again.restoreChannel("ch", false);
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(again, "ch", s, 1);
        assertEquals(0, s.messages.size());
        Thread.sleep(320);
        loop.tick();
        assertEquals(List.of("later"), s.messages.stream().map(RecordingSubscriber.Delivered::body).toList());
    }

    @Test
    void aMessageFoundInBothTheQueueAndThePendingLogIsInFlightOnceAtATime() throws Exception {
        // what a crash can leave in --sync-mode=always: the queue's read position stored before the message
        // and the pending log holding it too
        Message x = new Message(42, "x".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() * 1_000_000L, 1);
        try (DiskQueue queue = new DiskQueue(dataPath, "twins:ch", 1 << 20, Message.HEADER_LENGTH + (1 << 20), 1)) {
            queue.put(x.encodeQueued());
        }
        try (PendingLog log = new PendingLog(dataPath, "twins:ch", 1 << 20)) {
            log.hold(42, 0, x.encode());
        }
        Topic t = newTopic("twins", 3, SyncMode.ALWAYS);
        t.restoreChannel("ch", false);
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(t, "ch", s, 10);
        // the restored copy is due at once: back to the queue, where it meets its twin in flight
        loop.tick();
        loop.tick();
        assertEquals(1, s.messages.size());
        assertNull(sub.channel().finish(sub, 42));
        loop.tick();
        assertEquals(1, s.messages.size());
        assertEquals(0, sub.channel().stats(false).depth());
    }

    @Test
    void aMessageOneChannelRefusedLeavesTheTopicOnlyOnceEveryChannelHasIt() throws Exception {
        // one record per segment file; a directory where channel b's second segment must go refuses the write
        Topic t = newTopic("fan", 0, SyncMode.INTERVAL, 1);
        t.getOrCreateChannel("a");
        t.getOrCreateChannel("b");
        t.pause();
        publish(t, "1", "2");
        Path obstacle = dataPath.resolve("fan:b.diskqueue.000001.dat");
        Files.createDirectory(obstacle);
        t.unpause();
        loop.runPending();
        assertEquals(1, t.stats(null, false).depth());

        Files.delete(obstacle);
        Thread.sleep(1100);
        loop.tick();
        assertEquals(0, t.stats(null, false).depth());
        for (String channel : List.of("a", "b")) {
            RecordingSubscriber s = new RecordingSubscriber();
            Subscription sub = t.subscribe(channel, s, 60_000, 0);
            sub.channel().setReady(sub, 10);
            loop.runPending();
            assertEquals(List.of("1", "2"), s.messages.stream().map(RecordingSubscriber.Delivered::body).toList(),
                    channel);
        }
    }

    @Test
    void messagesBeyondTheLoopsMemoryBudgetGoToDiskWhateverTheMemQueueSize() throws Exception {
        memoryBudget = new MemoryBudget(3 * (1000 + MemoryBudget.MESSAGE_OVERHEAD));
        Topic t = newTopic("large", 100);
        Topic other = newTopic("other", 100);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add(String.format("%04d", i).repeat(250).getBytes(StandardCharsets.UTF_8));
        }
        t.publish(bodies.subList(0, 2), 0);
        other.publish(bodies.subList(2, 10), 0);
        loop.runPending();
        assertEquals(0, t.stats(null, false).backendDepth());
        assertEquals(7, other.stats(null, false).backendDepth(), "the budget is shared by the loop's topics");

        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(other, "ch", s, 100);
        assertEquals(8, s.messages.size());
        t.empty();
        assertEquals(0, memoryBudget.usedBytes());
    }

    @Test
    void theLoopsInFlightBudgetHoldsDeliveriesBackWhateverTheRdy() throws Exception {
        inFlightBudget = new MemoryBudget(2 * (1000 + MemoryBudget.MESSAGE_OVERHEAD));
        Topic t = newTopic("big", 100);
        t.getOrCreateChannel("a");
        t.getOrCreateChannel("b");
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(new byte[1000]);
        }
        t.publish(bodies, 0);
        RecordingSubscriber a = new RecordingSubscriber();
        Subscription subA = subscribe(t, "a", a, 100);
        assertEquals(2, a.messages.size());

        RecordingSubscriber b = new RecordingSubscriber();
        Subscription subB = subscribe(t, "b", b, 100);
        assertEquals(1, b.messages.size(), "one in flight per channel even when the budget is spent");

        assertNull(subA.channel().finish(subA, a.messages.get(0).id()));
        assertNull(subB.channel().finish(subB, b.messages.get(0).id()));
        loop.tick();
        // a refills first (room for one), then b, empty again, takes its one beyond the budget
        assertEquals(3, a.messages.size());
        assertEquals(2, b.messages.size());
        assertEquals(3 * (1000 + MemoryBudget.MESSAGE_OVERHEAD), inFlightBudget.usedBytes());
    }

    @Test
    void deferredMessagesBeyondTheLoopsBudgetWaitOnDiskAndComeNotBeforeTheirTime() throws Exception {
        deferredBudget = new MemoryBudget(2 * (100 + MemoryBudget.MESSAGE_OVERHEAD));
        Topic t = newTopic("later", 10);
        t.getOrCreateChannel("ch");
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(String.format("%03d", i).repeat(34).substring(0, 100).getBytes(StandardCharsets.UTF_8));
        }
        // long enough that a busy machine still ticks before the messages are due
        long dueAt = System.currentTimeMillis() + 1500;
        t.publish(bodies, 1500);
        loop.runPending();
        assertEquals(6, t.channel("ch").stats(false).deferredCount());
        assertEquals(2 * (100 + MemoryBudget.MESSAGE_OVERHEAD), deferredBudget.usedBytes());
        assertTrue(Files.exists(dataPath.resolve("later:ch+deferred.diskqueue.000000.dat")));

        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(t, "ch", s, 100);
        loop.tick();
        if (System.currentTimeMillis() < dueAt) {
            assertEquals(0, s.messages.size());
        }
        Thread.sleep(Math.max(0, dueAt - System.currentTimeMillis()) + 20);
        loop.tick();
        loop.tick();
        assertEquals(6, s.messages.size());
        assertEquals(0, t.channel("ch").stats(false).deferredCount());
        assertEquals(0, deferredBudget.usedBytes());
    }

    @Test
    void requeuesWithADelayBeyondTheBudgetWaitOnDiskAcrossAGracefulRestart() throws Exception {
        deferredBudget = new MemoryBudget(1 + MemoryBudget.MESSAGE_OVERHEAD);
        Topic t = newTopic("retry", 10);
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(t, "ch", s, 10);
        publish(t, "a", "b", "c");
        assertEquals(3, s.messages.size());
        for (RecordingSubscriber.Delivered d : s.messages) {
            assertNull(sub.channel().requeue(sub, d.id(), 400));
        }
        loop.runPending();
        assertEquals(3, sub.channel().stats(false).deferredCount());
        t.persist();

        Topic again = newTopic("retry", 10);
        again.restoreChannel("ch", false);
        RecordingSubscriber later = new RecordingSubscriber();
        Subscription laterSub = subscribe(again, "ch", later, 10);
        loop.tick();
        assertEquals(0, later.messages.size());
        Thread.sleep(420);
        loop.tick();
        loop.tick();
        assertEquals(List.of("a", "b", "c"),
                later.messages.stream().map(RecordingSubscriber.Delivered::body).sorted().toList());
    }

    @Test
    void inStrictModeSpilledRequeuesSurviveACrash() throws Exception {
        deferredBudget = new MemoryBudget(1 + MemoryBudget.MESSAGE_OVERHEAD);
        Topic t = newTopic("strict", 10, SyncMode.ALWAYS);
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(t, "ch", s, 10);
        publish(t, "a", "b", "c");
        assertEquals(3, s.messages.size());
        long requeuedAt = System.currentTimeMillis();
        for (RecordingSubscriber.Delivered d : s.messages) {
            assertNull(sub.channel().requeue(sub, d.id(), 400));
        }
        loop.tick();
        loop.runPending();

        // a crash: the old topic is never closed, a new one opens the same files
        Topic again = newTopic("strict", 10, SyncMode.ALWAYS);
        again.restoreChannel("ch", false);
        RecordingSubscriber later = new RecordingSubscriber();
        Subscription laterSub = subscribe(again, "ch", later, 10);
        loop.tick();
        assertEquals(0, later.messages.size());
        Thread.sleep(Math.max(0, requeuedAt + 420 - System.currentTimeMillis()));
        loop.tick();
        loop.tick();
        assertEquals(List.of("a", "b", "c"),
                later.messages.stream().map(RecordingSubscriber.Delivered::body).distinct().sorted().toList());
    }

    @Test
    void aMessageOfTheLargestSizeAllowedGoesThroughDiskDeferredOrNot() throws Exception {
        Topic t = newTopic("largest", 0);
        byte[] largest = new byte[1 << 20];
        t.publish(List.of(largest), 0);
        t.publish(List.of(largest), 1);
        loop.runPending();
        assertEquals(2, t.stats(null, false).backendDepth());
        RecordingSubscriber s = new RecordingSubscriber();
        Subscription sub = subscribe(t, "ch", s, 10);
        Thread.sleep(5);
        loop.tick();
        assertEquals(2, s.messages.size());
    }

    @Test
    void aSubscriberThatIsNotReadingGetsNothingUntilItDrains() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        subscribe("ch", s, 100);
        s.writable = false;
        publish(topic, "1", "2");
        assertEquals(0, s.messages.size());
        s.writable = true;
        loop.tick();
        assertEquals(2, s.messages.size());
    }

    @Test
    void deletingAChannelDisconnectsItsClients() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        subscribe("ch", s, 1);
        assertTrue(topic.deleteChannel("ch"));
        assertTrue(s.closed);
        assertSame(null, topic.channel("ch"));
    }

    @Test
    void aPutInOneChannelReachesNoOtherChannel() throws Exception {
        topic.getOrCreateChannel("b");
        RecordingSubscriber a = new RecordingSubscriber();
        RecordingSubscriber b = new RecordingSubscriber();
        subscribe("a", a, 10);
        subscribe("b", b, 10);
        topic.putInChannel("a", List.of("moved".getBytes(StandardCharsets.UTF_8)), 0);
        loop.runPending();
        assertEquals(List.of("moved"), a.messages.stream().map(RecordingSubscriber.Delivered::body).toList());
        assertEquals(0, b.messages.size());
        assertEquals(1, topic.channel("a").stats(false).messageCount());
        assertEquals(0, topic.stats(null, false).messageCount());
    }

    @Test
    void aPutInAMissingChannelCreatesIt() throws Exception {
        topic.putInChannel("new", List.of("1".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8)),
                0);
        assertTrue(events.contains("channel+new"));
        assertEquals(2, topic.channel("new").stats(false).depth());
    }

    @Test
    void aDeferredPutInAChannelWaitsForItsTime() throws Exception {
        RecordingSubscriber s = new RecordingSubscriber();
        subscribe("ch", s, 1);
        topic.putInChannel("ch", List.of("later".getBytes(StandardCharsets.UTF_8)), 30);
        loop.runPending();
        assertEquals(1, topic.channel("ch").stats(false).deferredCount());
        Thread.sleep(40);
        loop.tick();
        assertEquals(1, s.messages.size());
    }
}
