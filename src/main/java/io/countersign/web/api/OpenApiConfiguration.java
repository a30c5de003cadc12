package io.countersign.web.api;

import io.countersign.shared.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description served at {@code /api/v1/openapi} and shown by the console. Summaries,
 * success answers and examples are on the controllers; the problem answers every operation can
 * give are added here, from what the operation takes, so that no controller repeats them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "application/problem+json";

    /** The decisions, and the extension, whose first answer {@link IdempotentDecisionFilter} replays. */
    private static final Set<String> IDEMPOTENT_DECISIONS =
            Set.of("approveRequest", "rejectRequest", "cancelRequest", "revokeGrant", "extendGrant");

    /**
     * Operations a business rule may refuse with 422 ({@link io.countersign.shared.RefusedException}): an
     * extension, like a request, when no policy governs the access any more or too few can approve it.
     */
    private static final Set<String> REFUSABLE = Set.of("createRequest", "extendGrant", "importBundle");

    private static final Map<String, String> PROBLEMS = Map.ofEntries(
            Map.entry(
                    "400",
                    "Invalid input: `errors` lists every field that is wrong and why (the first "
                            + ProblemResponses.MAX_LISTED_ISSUES
                            + ", with `errorsOmitted` counting the rest); nothing was changed"),
            Map.entry("401", "No valid API token was sent"),
            Map.entry("403", "The caller's role may not perform this operation"),
            Map.entry("404", "No such object, or the caller may not see it"),
            Map.entry("406", "`Accept` cannot be read, or names no media type this operation answers in"),
            Map.entry(
                    "409",
                    "The operation contradicts the current state (a duplicate name, a request no longer pending)"),
            Map.entry(
                    "412",
                    "`If-Match` names a version other than the current one (or the object has no versions),"
                            + " or `If-None-Match` names the current one (`*`: the object exists); read the object"
                            + " again"),
            Map.entry("413", "The request body is larger than this endpoint accepts"),
            Map.entry("415", "The body's `Content-Type` is not one this operation reads"),
            Map.entry(
                    "422", "Refused by a rule (`reason` says which), or an `Idempotency-Key` reused for another call"),
            Map.entry("500", "The service failed; nothing was changed"),
            Map.entry("503", "The database is unreachable; retry after the `Retry-After` seconds"));

    static {
        // the caller is resolved from the token, never sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI countersignOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(
                        "token",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("An API token: `Authorization: Bearer cs_…`"))
                .addSchemas("Problem", problemSchema());
        PROBLEMS.forEach((status, description) -> components.addResponses(
                "Problem" + status,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        PROBLEM,
                                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
        return new OpenAPI()
                .info(new Info()
                        .title("Countersign API")
                        .version("v1")
                        .description("Approval workflows for privileged access. Every call needs an API token"
                                + " (but the chat platforms' call-backs); errors are RFC 9457 problem details."
                                + " A method that a path does not take is answered 405 with `Allow`, listing the"
                                + " methods it takes in the order its `OPTIONS` answer gives."))
                .servers(List.of(new Server().url("/").description("This Countersign instance")))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }

    /**
     * Two handler methods serve {@code POST /requests} (with and without {@code Prefer}) and two
     * {@code GET /requests/{id}} (with and without {@code ?wait}); the description merges each pair
     * into one operation, in which the distinguishing parameter is optional, and whose success is
     * the 201 the controller declares.
     */
    @Bean
    OpenApiCustomizer optionalVariantParameters() {
        return openApi -> openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(parameter -> {
                            if ("Prefer".equals(parameter.getName())) {
                                parameter
                                        .required(false)
                                        .description("`wait=N`: hold the answer up to N seconds (at most 60)"
                                                + " until the request is decided; a negative N or one that is"
                                                + " not a whole number is refused (400) and creates nothing")
                                        .example("wait=30");
                            }
                            if ("wait".equals(parameter.getName()) && "query".equals(parameter.getIn())) {
                                parameter
                                        .required(false)
                                        .description("Long-poll up to N seconds (at most 60) until the request"
                                                + " is no longer PENDING");
                            }
                        });
                    }
                    if (operation.getResponses().containsKey("201")) {
                        operation.getResponses().remove("200");
                    }
                }));
    }

    /** The headers of the answers ({@link OpenApiHeaders}): a request's creation takes a key as the decisions do. */
    @Bean
    OpenApiCustomizer answerHeaders() {
        Set<String> keyed = new HashSet<>(IDEMPOTENT_DECISIONS);
        keyed.add("createRequest");
        return openApi -> OpenApiHeaders.describe(openApi, keyed, IDEMPOTENT_DECISIONS);
    }

    /** What the query parameters take ({@link OpenApiParameters}). */
    @Bean
    OpenApiCustomizer queryParameters() {
        return OpenApiParameters::describe;
    }

    /**
     * Who may call each operation ({@link OpenApiRoles}), asked of the security rules when the
     * document is first served, once they are all in place.
     */
    @Bean
    OpenApiCustomizer callerRoles(ObjectProvider<WebInvocationPrivilegeEvaluator> rules) {
        return openApi -> OpenApiRoles.describe(openApi, rules.getObject());
    }

    /**
     * What the records of other modules, which know nothing of OpenAPI, cannot say; then the rules of
     * every field ({@link OpenApiSchemas}), last, since they go by the required fields set here.
     */
    @Bean
    OpenApiCustomizer schemaRules() {
        return openApi -> {
            Schema<?> decision = openApi.getComponents().getSchemas().get("AccessDecision");
            if (decision != null) {
                decision.required(List.of("allowed"));
            }
            Schema<?> code = openApi.getComponents().getSchemas().get("ChatLinkCode");
            if (code != null) {
                code.required(List.of("code"));
            }
            // only Telegram identities are linked (by a code); the other platforms have no links
            Schema<?> link = openApi.getComponents().getSchemas().get("ChatLinkView");
            if (link != null
                    && link.getProperties() != null
                    && link.getProperties().get("type") != null) {
                link.getProperties().put("type", new StringSchema()._enum(List.of("TELEGRAM")));
            }
            OpenApiSchemas.applyFieldRules(openApi);
        };
    }

    /** RFC 9457 problem details as {@link ProblemResponses} writes them. */
    private static Schema<?> problemSchema() {
        Schema<?> issue = new ObjectSchema()
                .addProperty("field", new StringSchema().example("duration"))
                .addProperty("code", new StringSchema().example("too_long"))
                .addProperty("message", new StringSchema().example("must be at most PT4H"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Invalid input"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(issue)
                                .maxItems(ProblemResponses.MAX_LISTED_ISSUES)
                                .description("Every invalid field, for 400; the first "
                                        + ProblemResponses.MAX_LISTED_ISSUES + " when there are more. A 409"
                                        + " caused by one field's value names it here too (`last_admin`, `taken`)"))
                .addProperty(
                        "errorsOmitted",
                        new IntegerSchema()
                                .minimum(BigDecimal.ONE)
                                .description("How many invalid fields `errors` leaves out; present only"
                                        + " when there are more than it lists"))
                .addProperty("reason", new StringSchema().description("A stable code of the refusing rule, for 422"))
                .required(List.of("title", "status"));
    }

    @Bean
    OperationCustomizer problemAnswers() {
        return (operation, handler) -> {
            if (IDEMPOTENT_DECISIONS.contains(operation.getOperationId())) {
                operation.addParametersItem(new HeaderParameter()
                        .name("Idempotency-Key")
                        .description("Up to 200 characters, chosen by the caller: a retry with the same key and"
                                + " body gets the first answer again (with `Idempotent-Replayed: true`)")
                        .schema(new StringSchema().maxLength(200)));
            }
            ApiResponses responses = operation.getResponses();
            if (handler.getBeanType() == ChatCallbackController.class) {
                // a platform's call is refused with the plain 401 the controller declares, whatever the reason
                if ("receiveTelegramUpdate".equals(operation.getOperationId())) {
                    responses.get("200").setContent(null); // Telegram is answered with an empty 200
                }
                // the body's size is capped before anything, a platform's call included
                add(responses, "413");
                add(responses, "500");
                add(responses, "503");
                return operation;
            }
            add(responses, "400");
            add(responses, "401");
            add(responses, "403");
            // a path names an object, and so may a body (the resource and account of a request)
            if (has(handler, PathVariable.class) || has(handler, RequestBody.class)) {
                add(responses, "404");
            }
            // an Accept that cannot be read is refused before any operation runs, one that answers nothing too
            add(responses, "406");
            if (handler.hasMethodAnnotation(ReadOfObject.class)) {
                OpenApiHeaders.conditionalWithoutVersion(operation);
            }
            if (writes(handler)) {
                add(responses, "409");
            }
            // an If-Match on an operation whose object has no versions cannot hold ({@link UnversionedPreconditions})
            if (Revised.takesIfMatch(handler) || writes(handler)) {
                add(responses, "412");
            }
            if (has(handler, RequestBody.class)) {
                add(responses, "413");
                add(responses, "415");
            }
            if (REFUSABLE.contains(operation.getOperationId())
                    || IDEMPOTENT_DECISIONS.contains(operation.getOperationId())
                    || hasIdempotencyKey(operation)) {
                add(responses, "422");
            }
            add(responses, "500");
            add(responses, "503");
            return operation;
        };
    }

    private static void add(ApiResponses responses, String status) {
        responses.putIfAbsent(status, new ApiResponse().$ref("#/components/responses/Problem" + status));
    }

    private static boolean has(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> annotation) {
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean writes(HandlerMethod handler) {
        return handler.hasMethodAnnotation(PostMapping.class)
                || handler.hasMethodAnnotation(PutMapping.class)
                || handler.hasMethodAnnotation(DeleteMapping.class);
    }

    private static boolean hasIdempotencyKey(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "Idempotency-Key".equals(p.getName()));
    }
}
