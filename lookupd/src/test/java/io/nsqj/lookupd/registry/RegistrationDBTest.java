package io.nsqj.lookupd.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrationDBTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long INACTIVITY = 300 * SECOND;
    private static final long TOMBSTONE_LIFETIME = 45 * SECOND;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final RegistrationDB db = new RegistrationDB(clock::get);

    private PeerInfo peer(String remote, String broadcast, int httpPort) {
        return new PeerInfo(remote, "host", broadcast, 4150, httpPort, "1.3.0", "", "", clock.get());
    }

    @Test
    void addingAProducerTwiceKeepsOneEntry() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        assertTrue(db.addProducer(Registration.topic("t"), a));
        assertFalse(db.addProducer(Registration.topic("t"), a));
        assertEquals(1, db.findProducers(Category.TOPIC, "t", "").size());
    }

    @Test
    void removingTheLastProducerKeepsTheRegistration() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        db.addProducer(Registration.topic("t"), a);
        assertEquals(new ProducerRemoval(true, 0), db.removeProducer(Registration.topic("t"), a.id()));
        assertEquals(new ProducerRemoval(false, 0), db.removeProducer(Registration.topic("t"), a.id()));
        assertEquals(List.of(Registration.topic("t")), db.findRegistrations(Category.TOPIC, "t", ""));
    }

    @Test
    void wildcardQueriesMatchAnyKeyAndSubKey() {
        db.addRegistration(Registration.channel("t1", "c1"));
        db.addRegistration(Registration.channel("t1", "c2"));
        db.addRegistration(Registration.channel("t2", "c1"));
        db.addRegistration(Registration.topic("t1"));
        assertEquals(2, db.findRegistrations(Category.CHANNEL, "t1", Registration.ANY).size());
        assertEquals(3, db.findRegistrations(Category.CHANNEL, Registration.ANY, Registration.ANY).size());
        assertEquals(List.of(Registration.topic("t1")), db.findRegistrations(Category.TOPIC, Registration.ANY, ""));
    }

    @Test
    void findProducersListsEachPeerOnceAcrossRegistrations() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        PeerInfo b = peer("127.0.0.1:2", "b", 4151);
        db.addProducer(Registration.topic("t1"), a);
        db.addProducer(Registration.topic("t2"), a);
        db.addProducer(Registration.topic("t2"), b);
        List<Producer> all = db.findProducers(Category.TOPIC, Registration.ANY, "");
        assertEquals(List.of(a, b), all.stream().map(Producer::peer).toList());
    }

    @Test
    void removePeerDropsItFromEveryRegistration() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        PeerInfo b = peer("127.0.0.1:2", "b", 4151);
        db.addProducer(Registration.client(), a);
        db.addProducer(Registration.topic("t"), a);
        db.addProducer(Registration.channel("t", "c"), a);
        db.addProducer(Registration.topic("t"), b);
        assertEquals(3, db.removePeer(a.id()).size());
        assertEquals(List.of(), db.lookupRegistrations(a.id()));
        assertEquals(List.of(b), db.findProducers(Category.TOPIC, "t", "").stream().map(Producer::peer).toList());
    }

    @Test
    void producerSilentLongerThanTheTimeoutIsInactiveUntilItPings() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        db.addProducer(Registration.topic("t"), a);
        clock.addAndGet(INACTIVITY);
        assertEquals(1, activeIn("t").size(), "exactly at the timeout it still counts");
        clock.addAndGet(1);
        assertEquals(0, activeIn("t").size());
        a.touch(clock.get());
        assertEquals(1, activeIn("t").size());
        assertEquals(1, db.findProducers(Category.TOPIC, "t", "").size(), "inactivity filters, never removes");
    }

    @Test
    void tombstoneHidesTheNodeForThatTopicOnlyAndExpires() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        PeerInfo b = peer("127.0.0.1:2", "b", 4151);
        db.addProducer(Registration.topic("t1"), a);
        db.addProducer(Registration.topic("t2"), a);
        db.addProducer(Registration.topic("t1"), b);

        db.tombstone("t1", "a:4151");
        assertEquals(List.of(b), activeIn("t1").stream().map(Producer::peer).toList());
        assertEquals(List.of(a), activeIn("t2").stream().map(Producer::peer).toList());
        assertTrue(db.producerOf(Registration.topic("t1"), a.id()).isTombstoned(TOMBSTONE_LIFETIME, clock.get()));

        clock.addAndGet(TOMBSTONE_LIFETIME - 1);
        a.touch(clock.get());
        b.touch(clock.get());
        assertEquals(1, activeIn("t1").size());
        clock.addAndGet(1);
        assertEquals(2, activeIn("t1").size(), "the tombstone has expired");
        assertTrue(db.producerOf(Registration.topic("t1"), a.id()).wasTombstoned());
    }

    @Test
    void tombstoneMatchesBroadcastAddressAndHttpPort() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        db.addProducer(Registration.topic("t"), a);
        db.tombstone("t", "a:4150");
        db.tombstone("t", "127.0.0.1:4151");
        assertEquals(1, activeIn("t").size());
    }

    @Test
    void reRegisteringAfterUnregisterClearsTheTombstone() {
        PeerInfo a = peer("127.0.0.1:1", "a", 4151);
        db.addProducer(Registration.topic("t"), a);
        db.tombstone("t", "a:4151");
        assertFalse(db.addProducer(Registration.topic("t"), a), "still registered: tombstone kept");
        assertEquals(0, activeIn("t").size());
        db.removeProducer(Registration.topic("t"), a.id());
        db.addProducer(Registration.topic("t"), a);
        assertEquals(1, activeIn("t").size());
    }

    private List<Producer> activeIn(String topic) {
        return db.active(db.findProducers(Category.TOPIC, topic, ""), INACTIVITY, TOMBSTONE_LIFETIME);
    }
}
