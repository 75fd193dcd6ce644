package io.nsqj.tools.tofile;

import io.nsqj.client.ClientConfig;
import io.nsqj.client.Consumer;
import io.nsqj.client.Message;
import io.nsqj.tools.cli.AppLogger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One topic's consumer and its file. A message is FINished only once it is written and its file synced;
 * the batch of written messages is synced, then FINished, when it reaches {@code -max-in-flight}, when the
 * consumer is starved (nsqd would send nothing more until it is answered), every {@code -sync-interval},
 * and when the file is closed or rotated. A message that cannot be written, or whose sync fails, is REQueued.
 *
 * <p>Threads: the consumer's handler thread only queues messages; the router thread owns the file and the
 * batch, and takes the control events (SIGHUP, stop) through the same queue, so it never needs a lock.
 */
final class FileLogger {
    private sealed interface Event permits Delivery, Control {
    }

    private record Delivery(Message message) implements Event {
    }

    private enum Control implements Event {
        /** SIGHUP: sync and close the file; the next message opens a new one. */
        HANGUP,
        /** SIGINT/SIGTERM: take no new messages, finish those in flight. */
        TERMINATE,
        /** The consumer's stop is over: every message it delivered was answered or given back. */
        CONSUMER_STOPPED
    }

    private final ToFileOptions opts;
    private final String tag;
    private final AppLogger log;
    private final Consumer consumer;
    private final RotatingFile file;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Message> pending = new ArrayList<>();
    private final Thread router;

    private FileLogger(ToFileOptions opts, String topic, FilenameFormat format, ClientConfig config, AppLogger log) {
        this.opts = opts;
        this.tag = "[" + topic + "/" + opts.channel() + "]";
        this.log = log;
        this.file = new RotatingFile(opts, format, tag, log, Clock.systemDefaultZone());
        this.consumer = new Consumer(topic, opts.channel(), this::handle, config);
        this.router = new Thread(this::route, "nsq_to_file-" + topic);
        // the main thread waits for it; should main die, unanswered messages go back to nsqd with the connection
        router.setDaemon(true);
    }

    /**
     * Subscribes to the topic and starts writing. Throws {@link IllegalArgumentException} (a filename format
     * without a needed {@code <REV>}, a bad topic name) or {@link io.nsqj.client.NsqException} (nsqd not
     * reachable), with nothing left running.
     */
    static FileLogger start(ToFileOptions opts, String topic, ClientConfig config, AppLogger log) {
        FileLogger logger = new FileLogger(opts, topic, FilenameFormat.forTopic(opts, topic), config, log);
        try {
            logger.consumer.connectToNsqd(opts.nsqdTcpAddresses().toArray(String[]::new));
            logger.consumer.connectToLookupd(opts.lookupdHttpAddresses().toArray(String[]::new));
        } catch (RuntimeException e) {
            logger.consumer.stop();
            throw e;
        }
        logger.router.start();
        return logger;
    }

    private void handle(Message message) {
        message.disableAutoResponse();
        events.add(new Delivery(message));
    }

    void hangup() {
        events.add(Control.HANGUP);
    }

    void terminate() {
        events.add(Control.TERMINATE);
    }

    void awaitExit() throws InterruptedException {
        router.join();
    }

    private void route() {
        long interval = opts.syncInterval().toNanos();
        long nextTick = System.nanoTime() + interval;
        boolean terminating = false;
        while (true) {
            Event event;
            try {
                event = terminating ? events.take() : events.poll(nextTick - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // nobody interrupts the router; should it happen, end as a stop would
                Thread.currentThread().interrupt();
                event = Control.CONSUMER_STOPPED;
            }
            boolean sync = false;
            boolean closeFile = false;
            boolean exit = false;
            long now = System.nanoTime();
            if (!terminating && now - nextTick >= 0) {
                nextTick = now + interval;
                if (file.needsRotation()) {
                    if (opts.skipEmptyFiles()) {
                        closeFile = true;
                    } else {
                        rotate();
                    }
                }
                sync = true;
            }
            if (event instanceof Delivery d) {
                sync |= write(d.message());
            } else if (event == Control.HANGUP) {
                sync = true;
                closeFile = true;
            } else if (event == Control.TERMINATE && !terminating) {
                terminating = true;
                Thread stopper = new Thread(() -> {
                    consumer.stop();
                    events.add(Control.CONSUMER_STOPPED);
                }, router.getName() + "-stop");
                stopper.start();
                sync = true;
            } else if (event == Control.CONSUMER_STOPPED) {
                sync = true;
                closeFile = true;
                exit = true;
            }
            // Starved, nsqd sends no more until the batch is answered. Our client counts the messages already
            // queued for this thread as in flight too (go-nsq's reader waits for its handler instead), so the
            // batch is synced once those are written, not after each one. Stopping, nsqd sends only what was
            // already on its way: each burst is answered once written.
            if (sync || (events.isEmpty() && (terminating || consumer.isStarved()))) {
                syncPending();
            }
            if (closeFile) {
                closeFile();
            }
            if (exit) {
                break;
            }
        }
        giveBackUnwritten();
    }

    /** Writes one message (opening the file first when it needs rotating); true when the batch must sync. */
    private boolean write(Message message) {
        boolean sync = false;
        if (file.needsRotation()) {
            rotate();
            sync = true;
        }
        if (!file.isOpen()) {
            requeue(message);
            return sync;
        }
        try {
            file.write(message.body());
        } catch (IOException e) {
            log.error("%s writing message to disk: %s", tag, e);
            requeue(message);
            abandonFile();
            return sync;
        }
        pending.add(message);
        return sync || pending.size() >= opts.maxInFlight();
    }

    /** Syncs the file, then FINs the batch; a failed sync REQueues it. */
    private void syncPending() {
        if (pending.isEmpty()) {
            return;
        }
        log.info("%s syncing %d records to disk", tag, pending.size());
        if (file.isOpen()) {
            try {
                file.sync();
            } catch (IOException e) {
                log.error("%s failed syncing messages: %s", tag, e);
                abandonFile();
                return;
            }
        }
        // else the file they were written to was closed, and so synced, by a rotation
        for (Message m : pending) {
            m.finish();
        }
        pending.clear();
    }

    /** Closes the file (the batch in it becomes durable) and opens the next one. */
    private void rotate() {
        closeFile();
        try {
            file.openNext();
        } catch (IOException e) {
            log.error("%s unable to open a new file: %s", tag, e);
        }
    }

    private void closeFile() {
        try {
            file.close();
        } catch (IOException e) {
            log.error("%s failed to close output file: %s", tag, e);
            requeuePending();
        }
    }

    /** After a failed write or sync, nothing unsynced in the file counts: its batch is given back. */
    private void abandonFile() {
        requeuePending();
        file.abandon();
    }

    private void requeuePending() {
        for (Message m : pending) {
            requeue(m);
        }
        pending.clear();
    }

    private static void requeue(Message message) {
        message.requeue(Duration.ZERO);
    }

    /** Messages queued after the consumer stopped were never written; nsqd has them back already. */
    private void giveBackUnwritten() {
        for (Event e; (e = events.poll()) != null; ) {
            if (e instanceof Delivery d) {
                requeue(d.message());
            }
        }
    }
}
