package io.nsqj.operator.model;

import io.nsqj.protocol.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the API server accepts as an NsqTopic, by the committed CRD in crds/. */
class NsqTopicSchemaTest {
    private static final CrdSchema SCHEMA = CrdSchema.forKind("NsqTopic");
    private static final String NAME_64 = "t".repeat(64);

    private static List<String> violations(String spec) {
        return SCHEMA.violations(CrdSchema.yaml("""
                apiVersion: nsq.nsqj.io/v1alpha1
                kind: NsqTopic
                metadata:
                  name: orders
                spec:
                """ + spec.indent(2)));
    }

    static void assertRejectedAt(String path, List<String> violations) {
        assertTrue(violations.stream().anyMatch(v -> v.startsWith(path + ": ")),
                "expected a violation at " + path + ", got " + violations);
    }

    static void assertAccepted(List<String> violations) {
        assertEquals(List.of(), violations);
    }

    @Test
    void aTopicOfAClusterWithChannelsIsAccepted() {
        assertAccepted(violations("""
                cluster: demo
                topic: orders_v2
                channels: [billing, audit]
                paused: true
                deletionPolicy: Retain
                """));
    }

    @Test
    void theClusterIsRequired() {
        assertRejectedAt("spec.cluster", violations("topic: orders"));
    }

    @Test
    void aTopicNameWithASpaceIsRejected() {
        assertRejectedAt("spec.topic", violations("""
                cluster: demo
                topic: "new orders"
                """));
    }

    @Test
    void aTopicNameOf65CharactersIsRejected() {
        assertRejectedAt("spec.topic", violations("cluster: demo\ntopic: " + NAME_64 + "x"));
    }

    @Test
    void aTopicNameOf64CharactersIsAccepted() {
        assertAccepted(violations("cluster: demo\ntopic: " + NAME_64));
    }

    @Test
    void anEphemeralTopicIsAccepted() {
        assertAccepted(violations("cluster: demo\ntopic: \"clicks#ephemeral\""));
    }

    @Test
    void anEmptyTopicNameIsRejected() {
        assertRejectedAt("spec.topic", violations("cluster: demo\ntopic: \"\""));
    }

    @Test
    void aDeletionPolicyOtherThanDeleteOrRetainIsRejected() {
        assertRejectedAt("spec.deletionPolicy", violations("cluster: demo\ndeletionPolicy: Keep"));
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertRejectedAt("spec.channel", violations("cluster: demo\nchannel: billing"));
    }

    @Test
    void aChannelNameWithASpaceIsRejected() {
        assertRejectedAt("spec.channels", violations("cluster: demo\nchannels: [billing, \"audit log\"]"));
    }

    @Test
    void aChannelNameOf65CharactersIsRejected() {
        assertRejectedAt("spec.channels", violations("cluster: demo\nchannels: [" + NAME_64 + "x]"));
    }

    @Test
    void ephemeralAnd64CharacterChannelsAreAccepted() {
        assertAccepted(violations("cluster: demo\nchannels: [\"tail#ephemeral\", " + NAME_64 + "]"));
    }

    @Test
    void theSchemaUsesTheModelsNamePattern() {
        String pattern = SCHEMA.violations(CrdSchema.yaml("""
                apiVersion: nsq.nsqj.io/v1alpha1
                kind: NsqTopic
                metadata: {name: x}
                spec: {cluster: demo, topic: "a b"}
                """)).get(0);
        assertTrue(pattern.endsWith("should match '" + NsqTopicSpec.NAME_PATTERN + "'"), pattern);
    }

    /** The CRD refuses exactly what nsqd itself would refuse as a topic or channel name. */
    static Stream<String> names() {
        return Stream.of("orders", "orders_v2", "a.b-c", "x#ephemeral", "#ephemeral", "a b", "ü", "a#b",
                "a#ephemeral#ephemeral", NAME_64, NAME_64 + "x", "t".repeat(54) + "#ephemeral",
                "t".repeat(55) + "#ephemeral");
    }

    @ParameterizedTest
    @MethodSource("names")
    void topicAndChannelNamesFollowNsqdsRule(String name) {
        String quoted = "\"" + name + "\"";
        assertEquals(Names.isValidTopicName(name), violations("cluster: demo\ntopic: " + quoted).isEmpty(),
                "topic " + name);
        assertEquals(Names.isValidChannelName(name), violations("cluster: demo\nchannels: [" + quoted + "]").isEmpty(),
                "channel " + name);
    }
}
