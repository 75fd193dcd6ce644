package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The life of a StatefulSet's pods as a watch on the API server shows it, in order: "created x-1", "ready x-1",
 * "terminating x-1", "deleted x-1"; and the fewest of them Ready at any moment since {@link #measureFromNow}.
 */
final class PodEvents implements AutoCloseable {
    private final String prefix;
    private final List<String> events = new ArrayList<>();
    private final Set<String> created = new HashSet<>();
    private final Set<String> ready = new HashSet<>();
    private final Set<String> terminating = new HashSet<>();
    /** Ready (and not terminating) now, by pod name. */
    private final Map<String, Boolean> readyNow = new HashMap<>();
    private int fewestReady = Integer.MAX_VALUE;
    private final Watch watch;

    PodEvents(KubernetesClient client, String setName) {
        this.prefix = setName + "-";
        this.watch = client.pods().inNamespace(Manifests.NAMESPACE).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                record(action, pod);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private synchronized void record(Watcher.Action action, Pod pod) {
        String name = pod.getMetadata().getName();
        String uid = pod.getMetadata().getUid();
        if (!name.startsWith(prefix)) {
            return;
        }
        if (created.add(uid)) {
            events.add("created " + name);
        }
        boolean isReady = KubeletStatus.isReady(pod) && pod.getMetadata().getDeletionTimestamp() == null;
        if (isReady && ready.add(uid)) {
            events.add("ready " + name);
        }
        if (pod.getMetadata().getDeletionTimestamp() != null && terminating.add(uid)) {
            events.add("terminating " + name);
        }
        if (action == Watcher.Action.DELETED) {
            events.add("deleted " + name);
            readyNow.remove(name);
        } else {
            readyNow.put(name, isReady);
        }
        fewestReady = Math.min(fewestReady, readyCount());
    }

    private int readyCount() {
        return (int) readyNow.values().stream().filter(r -> r).count();
    }

    /** Once the watch has shown the pods as they are: the fewest Ready counts from here. */
    synchronized void measureFromNow() {
        fewestReady = readyCount();
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized int fewestReady() {
        return fewestReady;
    }

    /** Where {@code event} first happened, failing if it never did. */
    synchronized int indexOf(String event) {
        int i = events.indexOf(event);
        if (i < 0) {
            throw new AssertionError("no \"" + event + "\" in " + events);
        }
        return i;
    }

    /** Where {@code event} last happened, failing if it never did. */
    synchronized int lastIndexOf(String event) {
        int i = events.lastIndexOf(event);
        if (i < 0) {
            throw new AssertionError("no \"" + event + "\" in " + events);
        }
        return i;
    }

    @Override
    public void close() {
        watch.close();
    }
}
