package io.nsqj.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Publishes to one of several nsqd, moving on to the next when the current one cannot be reached or loses
 * the connection, so that publishing survives the loss of a broker. It sticks to the nsqd that last accepted
 * a message, keeping a publisher's messages on one broker while that broker lives.
 *
 * <p>A message whose connection was lost after it was written may have reached the failed nsqd anyway; it is
 * then published again to the next one, so a consumer can see it twice (NSQ's at-least-once delivery).
 */
public final class FailoverProducer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FailoverProducer.class.getName());

    private final List<Producer> producers;
    private final AtomicInteger current = new AtomicInteger();

    /** @param addresses nsqd TCP addresses ("host:port"), tried in this order */
    public FailoverProducer(List<String> addresses, ClientConfig config) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one nsqd address is needed");
        }
        List<Producer> list = new ArrayList<>();
        for (String address : addresses) {
            list.add(new Producer(address, config));
        }
        this.producers = List.copyOf(list);
    }

    /** PUB to the current nsqd, or to the next reachable one; throws when none accepted the message. */
    public void publish(String topic, byte[] body) {
        attempt(p -> p.publish(topic, body));
    }

    /** MPUB to the current nsqd, or to the next reachable one: all the messages or none, on one nsqd. */
    public void multiPublish(String topic, List<byte[]> bodies) {
        attempt(p -> p.multiPublish(topic, bodies));
    }

    /** The nsqd the next message goes to first. */
    public NsqAddress currentAddress() {
        return producers.get(current.get()).address();
    }

    private void attempt(Consumer<Producer> publish) {
        int first = current.get();
        NsqException last = null;
        for (int i = 0; i < producers.size(); i++) {
            int index = (first + i) % producers.size();
            Producer producer = producers.get(index);
            try {
                publish.accept(producer);
                current.set(index);
                return;
            } catch (NsqErrorException e) {
                if (e.code().startsWith("E_BAD_")) {
                    // the message itself was refused (topic name, size): every nsqd would refuse it
                    throw e;
                }
                last = e;
            } catch (NsqException e) {
                last = e;
            }
            LOG.log(System.Logger.Level.WARNING, "publishing to {0} failed, trying the next nsqd: {1}",
                    producer.address(), last.getMessage());
        }
        throw new NsqException("no nsqd accepted the message, the last failure: " + last.getMessage(), last);
    }

    @Override
    public void close() {
        for (Producer p : producers) {
            p.close();
        }
    }
}
