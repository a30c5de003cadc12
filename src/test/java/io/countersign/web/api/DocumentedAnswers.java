package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks an answer of the running API against the OpenAPI document it serves: the status is one the
 * operation documents, the media type is documented for it, and the body fits the documented schema
 * (required fields present and not null, every field documented, JSON types as documented).
 */
final class DocumentedAnswers {

    private final JsonNode document;

    DocumentedAnswers(JsonNode document) {
        this.document = document;
    }

    /** @param path the path called, with or without a query */
    void check(String method, String path, Api.Response answer) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String template = template(bare);
        JsonNode operation = document.get("paths").get(template).get(method.toLowerCase());
        assertThat(operation).as(method + " " + template + " is documented").isNotNull();
        JsonNode response = resolve(operation.get("responses").get(String.valueOf(answer.status())));
        assertThat(response)
                .as(method + " " + template + " documents the status " + answer.status() + " it answered: "
                        + answer.body())
                .isNotNull();
        if (answer.body() == null || answer.body().isEmpty()) {
            return;
        }
        String mediaType = answer.contentType().split(";")[0].trim();
        JsonNode content = response.get("content");
        assertThat(content != null && content.has(mediaType))
                .as(method + " " + template + " documents " + mediaType + " for " + answer.status())
                .isTrue();
        List<String> problems = new ArrayList<>();
        fits(answer.json(), content.get(mediaType).get("schema"), "$", problems);
        assertThat(problems)
                .as(method + " " + template + " " + answer.status() + " answer " + answer.body())
                .isEmpty();
    }

    /** The documented path template a concrete path falls under; literal segments win over parameters. */
    private String template(String path) {
        String best = null;
        int fewestParameters = Integer.MAX_VALUE;
        for (Iterator<String> names = document.get("paths").propertyNames().iterator(); names.hasNext(); ) {
            String candidate = names.next();
            if (path.matches(candidate.replaceAll("\\{[^/]+}", "[^/]+"))) {
                int parameters = candidate.split("\\{", -1).length - 1;
                if (parameters < fewestParameters) {
                    best = candidate;
                    fewestParameters = parameters;
                }
            }
        }
        assertThat(best).as(path + " is documented").isNotNull();
        return best;
    }

    private JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            JsonNode target = document;
            for (String part : node.get("$ref").asString().substring(2).split("/")) {
                target = target.get(part);
            }
            node = target;
        }
        return node;
    }

    private void fits(JsonNode value, JsonNode schema, String where, List<String> problems) {
        schema = resolve(schema);
        if (schema == null || value.isNull()) {
            return;
        }
        if (schema.has("oneOf")) {
            for (JsonNode option : schema.get("oneOf")) {
                List<String> optionProblems = new ArrayList<>();
                fits(value, option, where, optionProblems);
                if (optionProblems.isEmpty()) {
                    return;
                }
            }
            problems.add(where + " fits none of the documented shapes");
            return;
        }
        String type = schema.has("type") ? schema.get("type").asString() : null;
        if (type == null) {
            return;
        }
        boolean fits = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!fits) {
            problems.add(where + " is " + value.getNodeType() + ", documented as " + type);
            return;
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                fits(value.get(i), schema.get("items"), where + "[" + i + "]", problems);
            }
        }
        if (value.isObject()) {
            if (schema.has("required")) {
                for (JsonNode required : schema.get("required")) {
                    JsonNode field = value.get(required.asString());
                    if (field == null || field.isNull()) {
                        problems.add(where + "." + required.asString() + " is required but missing");
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode documented = properties == null ? null : properties.get(field.getKey());
                if (documented != null) {
                    fits(field.getValue(), documented, where + "." + field.getKey(), problems);
                } else if (additional != null && additional.isObject()) {
                    fits(field.getValue(), additional, where + "." + field.getKey(), problems);
                } else if (properties != null) {
                    problems.add(where + "." + field.getKey() + " is not documented");
                }
            }
        }
    }
}
