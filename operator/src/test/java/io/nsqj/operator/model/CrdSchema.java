package io.nsqj.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A committed CRD's openAPIV3Schema, checked against a resource the way the API server does with strict field
 * validation (kubectl's default): unknown fields are errors, not pruned. Covers the part of the structural
 * schema language the CRDs use; an x-kubernetes-validations rule is compiled and run with CEL.
 */
public final class CrdSchema {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** What the API server requires of a custom resource's name: a DNS-1123 subdomain. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace", "labels", "annotations", "generateName");
    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime CEL_RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    /** Every keyword checked here, or only informative; another one fails the test instead of passing unseen. */
    private static final Set<String> KEYWORDS = Set.of("type", "description", "properties", "required", "items",
            "additionalProperties", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-int-or-string", "x-kubernetes-validations", "anyOf");

    private final String apiVersion;
    private final String kind;
    private final JsonNode schema;

    private CrdSchema(String apiVersion, String kind, JsonNode schema) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.schema = schema;
        requireKnownKeywords("<root>", schema);
    }

    private static void requireKnownKeywords(String at, JsonNode schema) {
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!KEYWORDS.contains(keyword)) {
                throw new IllegalArgumentException(at + ": schema keyword " + keyword + " is not checked by CrdSchema");
            }
        });
        if (schema.has("anyOf") && !schema.path("x-kubernetes-int-or-string").asBoolean()) {
            throw new IllegalArgumentException(at + ": anyOf is only checked as x-kubernetes-int-or-string's");
        }
        schema.path("properties").fields().forEachRemaining(p -> requireKnownKeywords(child(at, p.getKey()), p.getValue()));
        if (schema.has("items")) {
            requireKnownKeywords(at + "[]", schema.get("items"));
        }
        if (schema.path("additionalProperties").isObject()) {
            requireKnownKeywords(at + ".*", schema.get("additionalProperties"));
        }
    }

    /** The schema of the stored version of the CRD in crds/ whose kind is {@code kind}. */
    public static CrdSchema forKind(String kind) {
        Path dir = Path.of(System.getProperty("nsq.crds.dir", "../crds"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-v1.yml")).sorted().toList()) {
                JsonNode crd = yaml(file);
                if (kind.equals(crd.at("/spec/names/kind").asText())) {
                    for (JsonNode version : crd.at("/spec/versions")) {
                        if (version.path("storage").asBoolean()) {
                            return new CrdSchema(crd.at("/spec/group").asText() + "/" + version.path("name").asText(),
                                    kind, version.at("/schema/openAPIV3Schema"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no CRD of kind " + kind + " in " + dir.toAbsolutePath());
    }

    public static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema given inline, for the validator's own tests. */
    static CrdSchema of(String apiVersion, String kind, String openApiV3SchemaYaml) {
        return new CrdSchema(apiVersion, kind, yaml(openApiV3SchemaYaml));
    }

    /** What the API server would refuse in {@code resource}, one line per field, or nothing. */
    public List<String> violations(JsonNode resource) {
        List<String> out = new ArrayList<>();
        if (!apiVersion.equals(resource.path("apiVersion").asText())) {
            out.add("apiVersion: Invalid value: " + resource.path("apiVersion") + ": must be " + apiVersion);
        }
        if (!kind.equals(resource.path("kind").asText())) {
            out.add("kind: Invalid value: " + resource.path("kind") + ": must be " + kind);
        }
        metadata(resource.path("metadata"), out);
        ObjectNode rest = ((ObjectNode) resource).deepCopy();
        rest.remove(List.of("apiVersion", "kind", "metadata"));
        check("", rest, schema, out);
        return out;
    }

    private static void metadata(JsonNode metadata, List<String> out) {
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            out.add("metadata.name: Required value");
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            out.add("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain must consist of"
                    + " lower case alphanumeric characters, '-' or '.'");
        }
        metadata.fieldNames().forEachRemaining(field -> {
            if (!METADATA_FIELDS.contains(field)) {
                out.add("metadata." + field + ": unknown field");
            }
        });
    }

    private static void check(String path, JsonNode value, JsonNode schema, List<String> out) {
        String at = path.isEmpty() ? "<root>" : path;
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                out.add(at + ": Invalid value: " + value + ": must be an integer or a string");
            }
            return;
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            out.add(at + ": Invalid value: " + describe(value) + ": " + at + " in body must be of type "
                    + schema.get("type").asText());
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(at + ": Unsupported value: " + value + ": supported values: " + join(schema.get("enum")));
        }
        if (value.isTextual()) {
            string(at, value.asText(), schema, out);
        } else if (value.isNumber()) {
            number(at, value, schema, out);
        } else if (value.isArray()) {
            array(path, value, schema, out);
        } else if (value.isObject()) {
            object(path, value, schema, out);
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            rule(at, value, rule, out);
        }
    }

    private static void string(String at, String s, JsonNode schema, List<String> out) {
        int length = s.codePointCount(0, s.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            out.add(at + ": Invalid value: \"" + s + "\": " + at + " in body should be at least "
                    + schema.get("minLength").asInt() + " chars long");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            out.add(at + ": Too long: may not be longer than " + schema.get("maxLength").asInt());
        }
        // the API server's patterns are ECMA-262 regular expressions: unanchored unless they say ^ and $
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
            out.add(at + ": Invalid value: \"" + s + "\": " + at + " in body should match '"
                    + schema.get("pattern").asText() + "'");
        }
    }

    private static void number(String at, JsonNode n, JsonNode schema, List<String> out) {
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean();
            if (exclusive ? n.asDouble() <= min : n.asDouble() < min) {
                out.add(at + ": Invalid value: " + n + ": " + at + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + schema.get("minimum"));
            }
        }
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean();
            if (exclusive ? n.asDouble() >= max : n.asDouble() > max) {
                out.add(at + ": Invalid value: " + n + ": " + at + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + schema.get("maximum"));
            }
        }
    }

    private static void array(String path, JsonNode array, JsonNode schema, List<String> out) {
        String at = path.isEmpty() ? "<root>" : path;
        if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
            out.add(at + ": Invalid value: " + array.size() + ": " + at + " in body should have at least "
                    + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
            out.add(at + ": Too many: " + array.size() + ": must have at most " + schema.get("maxItems").asInt() + " items");
        }
        if (schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                check(path + "[" + i + "]", array.get(i), schema.get("items"), out);
            }
        }
    }

    private static void object(String path, JsonNode object, JsonNode schema, List<String> out) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        for (JsonNode required : schema.path("required")) {
            JsonNode field = object.get(required.asText());
            if (field == null || field.isNull()) {
                out.add(child(path, required.asText()) + ": Required value");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = child(path, field.getKey());
            // a null where the schema does not say nullable is pruned before validation, as if absent
            if (field.getValue().isNull()) {
                continue;
            }
            if (properties.has(field.getKey())) {
                check(fieldPath, field.getValue(), properties.get(field.getKey()), out);
            } else if (additional != null && additional.isObject()) {
                check(fieldPath, field.getValue(), additional, out);
            } else if (!preserveUnknown && !(additional != null && additional.asBoolean())) {
                out.add(fieldPath + ": unknown field \"" + field.getKey() + "\"");
            }
        }
    }

    private static void rule(String at, JsonNode value, JsonNode rule, List<String> out) {
        String expression = rule.path("rule").asText();
        try {
            CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
            Object result = CEL_RUNTIME.createProgram(ast).eval(Map.of("self", plain(value)));
            if (!Boolean.TRUE.equals(result)) {
                out.add(at + ": Invalid value: " + describe(value) + ": "
                        + rule.path("message").asText("failed rule: " + expression));
            }
        } catch (CelValidationException | CelEvaluationException e) {
            out.add(at + ": rule " + expression + " could not be evaluated: " + e.getMessage());
        }
    }

    /** The value as CEL sees it: maps, lists, strings, int64, double, bool. */
    private static Object plain(JsonNode value) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(v -> list.add(plain(v)));
            return list;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("type " + type + " is not one the CRDs use");
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String join(JsonNode values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add(v.toString()));
        return String.join(", ", quoted);
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "\"object\"";
        }
        if (value.isArray()) {
            return "\"array\"";
        }
        return value.toString();
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
