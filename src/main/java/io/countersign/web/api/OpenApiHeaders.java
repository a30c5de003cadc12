package io.countersign.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Set;

/**
 * The headers of the answers, described here by status and operation rather than on each controller,
 * so that a client that follows {@code Location}, sends an {@code ETag} back or waits out
 * {@code Retry-After} finds each one where the service sends it.
 */
final class OpenApiHeaders {

    private static final String HEADERS = "#/components/headers/";

    private static final String NOT_MODIFIED = "NotModified";

    /** A chat link's code has no address of its own; the user's list of links shows it, pending. */
    private static final Set<String> CREATED_WITHOUT_ADDRESS = Set.of("createChatLink");

    /** The reads and writes of the objects that have versions: users, groups, resources, policies, webhooks. */
    private static final Set<String> VERSIONED = Set.of(
            "getUser",
            "createUser",
            "replaceUser",
            "getGroup",
            "createGroup",
            "replaceGroup",
            "getResource",
            "createResource",
            "replaceResource",
            "getPolicy",
            "createPolicy",
            "replacePolicy",
            "getWebhook",
            "createWebhook",
            "addWebhookSecret",
            "removeWebhookSecret");

    /** Downloads, named for saving. */
    private static final Set<String> DOWNLOADS = Set.of("exportAuditEvents", "exportBundle");

    private OpenApiHeaders() {}

    /**
     * Adds the headers to the answers: {@code keyed} are the operations that take an
     * {@code Idempotency-Key}, {@code decisions} those of them that answer a retry made while the
     * first call still runs with 409 and {@code Retry-After}.
     */
    static void describe(OpenAPI openApi, Set<String> keyed, Set<String> decisions) {
        Components components = openApi.getComponents();
        components
                .addHeaders(
                        "Location",
                        header("Where the created object is: read there, or ended there with `DELETE` (a token, a"
                                + " delegation, a webhook's secret)"))
                .addHeaders(
                        "ETag",
                        header("The object's version: send it in `If-Match` to write only that version, or in"
                                + " `If-None-Match` to read the object only once it has changed"))
                .addHeaders(
                        "Retry-After",
                        header("Seconds to wait before calling again").schema(new IntegerSchema()))
                .addHeaders(
                        "Idempotent-Replayed",
                        new Header()
                                .description("`true`: the answer first given to this `Idempotency-Key`, given again"
                                        + " (a replayed refusal carries it too); absent from a first answer")
                                .schema(new StringSchema()._enum(List.of("true"))))
                .addHeaders("Content-Disposition", header("The name to save the download under"));
        components.getResponses().get("Problem503").addHeaderObject("Retry-After", ref("Retry-After"));
        components.addResponses(
                "Problem409Retry", stillRunning(components.getResponses().get("Problem409")));
        components.addResponses(
                NOT_MODIFIED,
                new ApiResponse()
                        .description("The object still has the version `If-None-Match` names: no body")
                        .addHeaderObject("ETag", ref("ETag")));
        openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    String id = operation.getOperationId();
                    operation.getResponses().forEach((status, answer) -> {
                        if (!status.startsWith("2") || answer.get$ref() != null) {
                            return;
                        }
                        if ("201".equals(status) && !CREATED_WITHOUT_ADDRESS.contains(id)) {
                            answer.addHeaderObject("Location", ref("Location"));
                        }
                        if (VERSIONED.contains(id)) {
                            answer.addHeaderObject("ETag", ref("ETag"));
                        }
                        if (keyed.contains(id)) {
                            answer.addHeaderObject("Idempotent-Replayed", ref("Idempotent-Replayed"));
                        }
                        if (DOWNLOADS.contains(id)) {
                            answer.addHeaderObject("Content-Disposition", ref("Content-Disposition"));
                        }
                    });
                    if (VERSIONED.contains(id) && operation == path.getGet()) {
                        conditional(operation);
                    }
                    if (operation != path.getGet() && takes(operation, "If-Match")) {
                        conditionalWrite(operation);
                    }
                    if ("exportAuditEvents".equals(id)) {
                        operation
                                .getResponses()
                                .put(
                                        "429",
                                        exportsBusy(components.getResponses().get("Problem503")));
                    }
                    if (decisions.contains(id)) {
                        operation
                                .getResponses()
                                .put("409", new ApiResponse().$ref("#/components/responses/Problem409Retry"));
                    }
                }));
    }

    /**
     * A read of an object with versions answers 304 while {@code If-None-Match} names its current
     * version: Spring MVC compares the tag of every {@code GET} that answers one.
     */
    private static void conditional(Operation read) {
        if (takes(read, "If-None-Match")) {
            return;
        }
        read.addParametersItem(new HeaderParameter()
                .name("If-None-Match")
                .description("An `ETag` read before: while it is still the object's version the answer is `304`"
                        + " without a body (so is `*`, while the object exists); a value that is neither `*` nor"
                        + " tags in their quotes is `400`")
                .schema(new StringSchema()));
        read.getResponses().addApiResponse("304", new ApiResponse().$ref("#/components/responses/" + NOT_MODIFIED));
    }

    /** A read of one object without versions answers 304 to {@code If-None-Match: *} ({@link UnversionedReads}). */
    static void conditionalWithoutVersion(Operation read) {
        // a path read by two handlers (a plain read and its long poll) is one operation: described once
        if (takes(read, "If-None-Match")) {
            return;
        }
        read.addParametersItem(new HeaderParameter()
                .name("If-None-Match")
                .description("`*`: while the object exists the answer is `304` without a body; a tag names no"
                        + " version this object has, so the object is answered; a value that is neither `*` nor"
                        + " tags in their quotes is `400`")
                .schema(new StringSchema()));
        read.getResponses()
                .addApiResponse(
                        "304", new ApiResponse().description("`If-None-Match: *` and the object exists: no body"));
    }

    /**
     * A write of an object with versions judges {@code If-None-Match} after {@code If-Match} ({@link
     * Revised}); no write creates, so {@code *} holds only where the write answers 404.
     */
    private static void conditionalWrite(Operation write) {
        if (takes(write, "If-None-Match")) {
            return;
        }
        write.addParametersItem(new HeaderParameter()
                .name("If-None-Match")
                .description("`*`, or `ETag`s: write only if the object does not exist, or has none of these"
                        + " versions; otherwise `412` and nothing is changed. No write creates the object, so"
                        + " `*` answers `412` wherever the object exists; a value that is neither `*` nor tags in"
                        + " their quotes is `400`")
                .schema(new StringSchema()));
    }

    private static boolean takes(Operation operation, String header) {
        return operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(p -> "header".equals(p.getIn()) && header.equalsIgnoreCase(p.getName()));
    }

    /** The 409 of a decision, which also answers a retry made while the first call with its key still runs. */
    private static ApiResponse stillRunning(ApiResponse conflict) {
        return new ApiResponse()
                .description(conflict.getDescription() + "; or a call with this `Idempotency-Key` is still running:"
                        + " retry after `Retry-After` seconds to get its answer")
                .content(conflict.getContent())
                .addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("Sent only while a call with the same key runs: seconds to wait")
                                .schema(new IntegerSchema()));
    }

    /** The 429 of an export refused because the instance already runs as many as it may at once. */
    private static ApiResponse exportsBusy(ApiResponse unavailable) {
        return new ApiResponse()
                .description("The instance already runs as many audit exports as it may at once"
                        + " (`countersign.audit.export-concurrency`); retry after `Retry-After` seconds")
                .content(unavailable.getContent())
                .addHeaderObject("Retry-After", ref("Retry-After"));
    }

    private static Header header(String description) {
        return new Header().description(description).required(true).schema(new StringSchema());
    }

    private static Header ref(String name) {
        return new Header().$ref(HEADERS + name);
    }
}
