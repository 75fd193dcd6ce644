package io.nsqj.operator.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.nsqj.operator.model.NsqTopicSchemaTest.assertAccepted;
import static io.nsqj.operator.model.NsqTopicSchemaTest.assertRejectedAt;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The validator's rules that today's CRDs do not all exercise, so that a CRD which starts to use them is checked. */
class CrdSchemaTest {
    private static final CrdSchema SCHEMA = CrdSchema.of("x.io/v1", "Thing", """
            type: object
            properties:
              spec:
                type: object
                properties:
                  free:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                  port:
                    x-kubernetes-int-or-string: true
                    anyOf: [{type: integer}, {type: string}]
                  sizes:
                    type: array
                    maxItems: 2
                    items: {type: integer, maximum: 10}
                  counts:
                    type: object
                    additionalProperties: {type: integer, minimum: 0}
            """);

    private static List<String> violations(String spec) {
        return SCHEMA.violations(CrdSchema.yaml("apiVersion: x.io/v1\nkind: Thing\nmetadata: {name: t}\nspec:\n"
                + spec.indent(2)));
    }

    @Test
    void aFieldThatPreservesUnknownFieldsHoldsAnything() {
        assertAccepted(violations("free: {anything: [1, {deep: true}]}"));
    }

    @Test
    void anIntOrStringTakesAnIntegerOrAStringOnly() {
        assertAccepted(violations("port: 8080"));
        assertAccepted(violations("port: http"));
        assertRejectedAt("spec.port", violations("port: 1.5"));
        assertRejectedAt("spec.port", violations("port: [http]"));
    }

    @Test
    void arrayItemsAndLengthAreChecked() {
        assertRejectedAt("spec.sizes[1]", violations("sizes: [1, 11]"));
        assertRejectedAt("spec.sizes", violations("sizes: [1, 2, 3]"));
    }

    @Test
    void aMapsValuesFollowAdditionalProperties() {
        assertAccepted(violations("counts: {a: 1, b: 2}"));
        assertRejectedAt("spec.counts.b", violations("counts: {a: 1, b: -2}"));
    }

    @Test
    void aNullIsTreatedAsAnAbsentField() {
        assertAccepted(violations("port: null"));
    }

    @Test
    void anotherApiVersionOrKindIsRejected() {
        assertRejectedAt("apiVersion", SCHEMA.violations(CrdSchema.yaml("apiVersion: x.io/v2\nkind: Thing\nmetadata: {name: t}")));
        assertRejectedAt("kind", SCHEMA.violations(CrdSchema.yaml("apiVersion: x.io/v1\nkind: Other\nmetadata: {name: t}")));
    }

    @Test
    void aSchemaKeywordTheValidatorDoesNotCheckFailsLoudly() {
        assertThrows(IllegalArgumentException.class, () -> CrdSchema.of("x.io/v1", "Thing", """
                type: object
                properties:
                  spec: {type: string, format: date-time}
                """));
    }
}
