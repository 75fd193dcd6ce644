package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.nsqj.it.NsqAssertions.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publish the disk refuses is answered E_PUB_FAILED / E_MPUB_FAILED / E_DPUB_FAILED and closes the connection,
 * as nsqd does when its backend Put fails. With --mem-queue-size=0 every message of a topic without channels
 * goes to disk; with --max-bytes-per-file=1 every write after the first starts a new segment file. Putting a
 * directory where the next segment must be created makes that write fail, even for root.
 */
class DiskFailureErrorsTest {
    static BrokerProcess broker;
    Bystander bystander;
    RawNsqConnection producer;
    String topic;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.start("disk-failure", "--mem-queue-size=0", "--max-bytes-per-file=1");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void connect(TestInfo test) throws IOException {
        topic = test.getTestMethod().orElseThrow().getName();
        bystander = Bystander.connect(broker.tcpPort());
        producer = RawNsqConnection.open(broker.tcpPort());
        publish(producer, topic, "fills the first segment");
        Files.createDirectory(nextSegment());
    }

    @AfterEach
    void disconnect() {
        producer.close();
        bystander.close();
    }

    private Path nextSegment() {
        return broker.dataPath().resolve(topic + ".diskqueue.000001.dat");
    }

    private void assertFailedAndClosed(String prefix) {
        Frame f = producer.read();
        assertEquals(RawNsqConnection.FRAME_ERROR, f.type(), f::toString);
        assertTrue(f.text().startsWith(prefix), f::toString);
        assertTrue(f.text().contains(nextSegment().getFileName().toString()), f::toString);
        assertTrue(producer.isClosedByPeer(), "a failed publish closes the connection");
        bystander.assertStillServed();
    }

    @Test
    void pubTheDiskRefusesIsPubFailed() {
        producer.pub(topic, "refused");
        assertFailedAndClosed("E_PUB_FAILED PUB failed ");
    }

    @Test
    void mpubTheDiskRefusesIsMpubFailed() {
        producer.command("MPUB " + topic, RawNsqConnection.mpubBody("refused", "too"));
        assertFailedAndClosed("E_MPUB_FAILED MPUB failed ");
    }

    @Test
    void dpubTheDiskRefusesIsDpubFailed() {
        producer.command("DPUB " + topic + " 1000", "refused".getBytes(StandardCharsets.UTF_8));
        assertFailedAndClosed("E_DPUB_FAILED DPUB failed ");
    }
}
