package io.nsqj.it;

import io.nsqj.testsupport.BrokerProcess;
import io.nsqj.testsupport.HttpAnswer;
import io.nsqj.testsupport.RawNsqConnection;
import io.nsqj.testsupport.RawNsqConnection.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --sync-mode=always with a disk that refuses writes (a directory where the next segment file must go, which
 * stops root too): publishes fail over TCP and HTTP, a consumer elsewhere is still served, and publishing works
 * again once the obstacle is gone, every acknowledged message then being delivered.
 */
class StrictModeDiskFailureTest {
    private BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesFailWhileTheDiskRefusesAndRecoverAfterwards() throws IOException {
        broker = BrokerProcess.start("strict-disk", "--sync-mode=always", "--max-bytes-per-file=1");
        try (Bystander bystander = Bystander.connect(broker.tcpPort());
             RawNsqConnection producer = RawNsqConnection.open(broker.tcpPort())) {
            producer.pub("full", "first");
            assertEquals("OK", producer.read().text());
            Path obstacle = broker.dataPath().resolve("full.diskqueue.000001.dat");
            Files.createDirectory(obstacle);

            producer.pub("full", "refused");
            Frame f = producer.read();
            assertTrue(f.text().startsWith("E_PUB_FAILED PUB failed "), f::toString);
            assertTrue(producer.isClosedByPeer());
            HttpAnswer http = HttpAnswer.send(HttpRequest.newBuilder(URI.create(broker.httpUrl() + "/pub?topic=full"))
                    .POST(HttpRequest.BodyPublishers.ofString("refused too")));
            assertEquals(500, http.status(), http::body);
            bystander.assertStillServed();

            Files.delete(obstacle);
            try (RawNsqConnection again = RawNsqConnection.open(broker.tcpPort())) {
                again.pub("full", "second");
                assertEquals("OK", again.read().text());
            }
        }
        try (RawNsqConnection consumer = RawNsqConnection.open(broker.tcpPort())) {
            consumer.command("SUB full c");
            assertEquals("OK", consumer.read().text());
            consumer.command("RDY 10");
            assertEquals("first", consumer.read().body());
            assertEquals("second", consumer.read().body());
        }
    }
}
