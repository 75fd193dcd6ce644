package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Objects;

/**
 * Writes a custom resource's status whole, replacing what is there. The operator is the status' only writer
 * and reconciles one resource at a time, so nothing is lost by that; a patch computed against a cached copy
 * would instead fail whenever the cache lags behind the previous write (a JSON Patch "replace" of a field the
 * server no longer has).
 */
final class StatusWriter {
    private StatusWriter() {
    }

    /** The status as it was read, to tell later whether a write is needed. */
    static String snapshot(CustomResource<?, ?> resource) {
        return Serialization.asJson(resource.getStatus());
    }

    /** Writes the status unless it is what {@code before} says it was; a resource deleted meanwhile is fine. */
    static void writeIfChanged(KubernetesClient client, CustomResource<?, ?> resource, String before) {
        if (Objects.equals(before, Serialization.asJson(resource.getStatus()))) {
            return;
        }
        try {
            client.resource(resource).unlock().updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
