package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks an answer of the running API against the OpenAPI document it serves: the status is one the
 * operation documents, the media type is documented for it, and the body fits the documented schema
 * ({@link DescribedAnswers}).
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
        List<String> problems = new DescribedAnswers(document)
                .problems(answer.json(), content.get(mediaType).get("schema"));
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
}
