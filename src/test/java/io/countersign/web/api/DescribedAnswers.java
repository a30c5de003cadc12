package io.countersign.web.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a real answer against the schema the OpenAPI description gives for it, as a strict client
 * would: every field is described, every required one is there, and its value has a described type
 * (null only where the schema allows it) and one of the described enum values. Covers the parts of
 * JSON Schema the description uses.
 */
final class DescribedAnswers {

    private final JsonNode document;

    DescribedAnswers(JsonNode document) {
        this.document = document;
    }

    /** The problems of {@code answer} as the answer {@code status} of {@code method path}; none when it matches. */
    List<String> problems(String method, String path, int status, JsonNode answer) {
        JsonNode schema = document.path("paths")
                .path(path)
                .path(method.toLowerCase())
                .path("responses")
                .path(String.valueOf(status))
                .path("content")
                .path("application/json")
                .path("schema");
        if (schema.isMissingNode()) {
            return List.of(method + " " + path + " describes no JSON answer " + status);
        }
        List<String> problems = new ArrayList<>();
        check(answer, schema, "$", problems);
        return problems;
    }

    /** The problems of {@code value} as an instance of {@code schema}; none when it matches. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            check(value, document.path("components").path("schemas").path(name), at, problems);
            return;
        }
        for (String choice : List.of("anyOf", "oneOf")) {
            if (schema.has(choice)) {
                boolean matched = false;
                for (JsonNode option : schema.get(choice)) {
                    List<String> optionProblems = new ArrayList<>();
                    check(value, option, at, optionProblems);
                    matched |= optionProblems.isEmpty();
                }
                if (!matched) {
                    problems.add(at + ": matches none of " + choice);
                }
                return;
            }
        }
        Set<String> types = types(schema);
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) {
                problems.add(at + ": null, but the schema allows only " + types);
            }
            return;
        }
        if (!types.isEmpty() && types.stream().noneMatch(type -> is(value, type))) {
            problems.add(at + ": " + value.getNodeType() + ", but the schema says " + types);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not in the enum " + schema.get("enum"));
            }
        }
        if (value.isObject() && schema.has("properties")) {
            JsonNode properties = schema.get("properties");
            for (String field : value.propertyNames()) {
                if (properties.has(field)) {
                    check(value.get(field), properties.get(field), at + "." + field, problems);
                } else {
                    problems.add(at + "." + field + ": not described");
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    problems.add(at + "." + required.asString() + ": required, but missing");
                }
            }
        }
        if (value.isObject()
                && !schema.has("properties")
                && schema.path("additionalProperties").isObject()) {
            for (String field : value.propertyNames()) {
                check(value.get(field), schema.get("additionalProperties"), at + "." + field, problems);
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
            }
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        if (type.isArray()) {
            Set<String> types = new HashSet<>();
            type.forEach(t -> types.add(t.asString()));
            return types;
        }
        return Set.of(type.asString());
    }

    private static boolean is(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
    }
}
