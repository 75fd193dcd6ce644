package io.nsqj.testsupport.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A StatefulSet's revision name, {@code <set>-<hash of the pod template>}: the pods' controller-revision-hash
 * label and the status's currentRevision and updateRevision. The hash is FNV-1a of the template's JSON with keys
 * sorted and empty values left out, so a template that only changed its keys' order or spelled an empty list
 * differently is the same revision, as after an API server's defaulting; encoded as Kubernetes encodes it.
 */
final class PodTemplateHash {
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private PodTemplateHash() {
    }

    static String revision(String setName, PodTemplateSpec template) {
        StringBuilder canonical = new StringBuilder();
        canonical(JSON.convertValue(template, JsonNode.class), canonical);
        int hash = 0x811c9dc5;
        for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder encoded = new StringBuilder(digits.length());
        for (char c : digits.toCharArray()) {
            encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return setName + "-" + encoded;
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!isEmpty(field.getValue())) {
                    sorted.put(field.getKey(), field.getValue());
                }
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                out.append(first ? "" : ",").append(TextNode.valueOf(field.getKey())).append(':');
                canonical(field.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isNull() || (node.isContainerNode() && node.isEmpty());
    }
}
