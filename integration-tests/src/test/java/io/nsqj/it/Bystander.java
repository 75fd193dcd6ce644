package io.nsqj.it;

import io.nsqj.testsupport.RawNsqConnection;

/**
 * A client connected before a test misbehaves on another connection; afterwards it must still be served,
 * showing that one client's error stays with that client.
 */
final class Bystander implements AutoCloseable {
    private final RawNsqConnection connection;
    private int published;

    private Bystander(RawNsqConnection connection) {
        this.connection = connection;
    }

    static Bystander connect(int port) {
        Bystander b = new Bystander(RawNsqConnection.open(port));
        b.assertStillServed();
        return b;
    }

    void assertStillServed() {
        NsqAssertions.publish(connection, "bystander", "still served " + ++published);
    }

    @Override
    public void close() {
        connection.close();
    }
}
