package io.countersign.web.api;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the schemas derived from the records cannot say by themselves: that answers write an unset
 * field as {@code null}, and what the service refuses in a body. A generated client or a strict
 * validator goes by the description, so it must allow every answer the service gives and name what
 * it refuses.
 */
final class OpenApiSchemas {

    /** Fields that carry a secret: sent, never answered (a Teams or Discord webhook URL is one). */
    private static final Set<String> SECRETS =
            Set.of("password", "botToken", "signingSecret", "webhookSecret", "webhookUrl", "secret", "current", "new");

    /**
     * The fields without which the service refuses the body, each named in the 400's {@code errors}.
     * Fields required only with others (a Slack channel's bot token, a password's {@code current} when
     * people change their own) are left to the descriptions: a schema cannot say when.
     */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("CreateBody", List.of("resource", "account")),
            Map.entry("ExplainRequest", List.of("resource", "account")),
            Map.entry("ExtendBody", List.of("duration")),
            Map.entry("DelegationBody", List.of("delegate", "until")),
            Map.entry("UserRequest", List.of("username", "email")),
            Map.entry("UserReplacement", List.of("email")),
            Map.entry("UserInput", List.of("username", "email")),
            Map.entry("PasswordChange", List.of("new")),
            Map.entry("TokenRequest", List.of("name")),
            Map.entry("ChatLinkBody", List.of("type")),
            Map.entry("GroupRequest", List.of("name")),
            Map.entry("GroupInput", List.of("name")),
            Map.entry("ResourceRequest", List.of("name", "type", "accounts")),
            Map.entry("ResourceReplacement", List.of("type", "accounts")),
            Map.entry("ResourceInput", List.of("name", "type", "accounts")),
            Map.entry("PolicyDefinition", List.of("name", "conditions", "steps")),
            Map.entry("PolicyReplacement", List.of("conditions", "steps")),
            Map.entry("Step", List.of("approvers")),
            Map.entry("Extension", List.of("maxTotalDuration")),
            Map.entry("BreakGlass", List.of("maxDuration", "notify", "reviewers", "reviewWithin")),
            Map.entry("WebhookRequest", List.of("url", "events", "secret")),
            Map.entry("SecretRequest", List.of("secret")),
            Map.entry("ChatChannelInput", List.of("name", "type")),
            Map.entry("MailSettingsInput", List.of("smtp")),
            Map.entry("Smtp", List.of("host", "from")),
            Map.entry("TestRequest", List.of("to")));

    /**
     * A replacement ({@code PUT}) takes the object's name from its path, and a channel's type from the
     * stored channel: its body is the creation's under another name, without those required.
     */
    private static final Map<String, String> REPLACEMENTS = Map.of(
            "UserRequest", "UserReplacement",
            "GroupRequest", "GroupReplacement",
            "ResourceRequest", "ResourceReplacement",
            "PolicyDefinition", "PolicyReplacement",
            "ChatChannelInput", "ChatChannelReplacement");

    private static final String REF = "#/components/schemas/";

    /**
     * Body fields: each one that the service requires is listed; an unknown one is refused, since
     * unknown properties fail the binding; and a secret is write-only unless an answer also carries
     * it (a webhook's new secret is shown once). Then the answers' unset fields: after the body
     * rules, so that a field those make required stays so.
     */
    static void applyFieldRules(OpenAPI openApi) {
        requestBodyRules(openApi);
        unsetFieldsAreNull(openApi);
    }

    private OpenApiSchemas() {}

    @SuppressWarnings("rawtypes")
    private static void requestBodyRules(OpenAPI openApi) {
        separateReplacements(openApi);
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Set<String> sent = reachable(openApi, schemas, true);
        Set<String> answered = reachable(openApi, schemas, false);
        for (String name : sent) {
            Schema<?> schema = schemas.get(name);
            if (schema.getProperties() == null) {
                continue;
            }
            schema.setAdditionalProperties(Boolean.FALSE);
            List<String> required = REQUIRED.get(name);
            if (required != null) {
                schema.setRequired(required);
            }
            if (!answered.contains(name)) {
                schema.getProperties().forEach((field, property) -> {
                    if (SECRETS.contains(field)) {
                        property.setWriteOnly(true);
                    }
                });
            }
        }
    }

    /** Points each replacement's body at a copy of the creation's schema, made before any rule is applied. */
    @SuppressWarnings("rawtypes")
    private static void separateReplacements(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        openApi.getPaths().values().forEach(path -> {
            if (path.getPut() == null || path.getPut().getRequestBody() == null) {
                return;
            }
            path.getPut().getRequestBody().getContent().values().forEach(media -> {
                Schema<?> body = media.getSchema();
                String name = body == null || body.get$ref() == null
                        ? null
                        : body.get$ref().substring(REF.length());
                String replacement = name == null ? null : REPLACEMENTS.get(name);
                if (replacement != null && schemas.containsKey(name)) {
                    schemas.computeIfAbsent(
                            replacement,
                            unused -> copy(schemas.get(name))
                                    .description("As " + name + ", but the name (and a channel's type) comes from the"
                                            + " path"));
                    // a new reference: the creation's body may be the very same object
                    media.setSchema(new Schema<>().$ref(REF + replacement));
                }
            });
        });
    }

    /** A deep copy: the rules below change properties in place, which the two schemas must not share. */
    private static Schema<?> copy(Schema<?> schema) {
        return Json31.mapper().convertValue(schema, Schema.class);
    }

    /**
     * Answers write every field, an unset one as {@code null} (Jackson's default inclusion): each field
     * that is not always set (not {@code required}) therefore also allows {@code null}. Only the
     * component schemas are touched; a field of a body that is left out or sent as null means the same.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void unsetFieldsAreNull(OpenAPI openApi) {
        openApi.getComponents().getSchemas().forEach((name, schema) -> {
            if (schema.getProperties() == null || "Problem".equals(name)) {
                return;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            Map<String, Schema> properties = schema.getProperties();
            properties.replaceAll((field, property) -> required.contains(field) ? property : orNull(property));
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema orNull(Schema property) {
        if (property.get$ref() != null
                || property.getEnum() != null
                || property.getAnyOf() != null
                || property.getOneOf() != null
                || property.getAllOf() != null) {
            // a reference or an enum cannot take null as a type of its own; null is the other choice
            Schema nullable = new Schema<>().anyOf(List.of(property, new Schema<>().typesItem("null")));
            nullable.setDescription(property.getDescription());
            return nullable;
        }
        Set<String> types = property.getTypes();
        if (types == null || types.isEmpty()) {
            if (property.getType() == null) {
                return property; // any type, null included
            }
            types = Set.of(property.getType());
        }
        Set<String> withNull = new LinkedHashSet<>(types);
        withNull.add("null");
        property.setTypes(withNull);
        return property;
    }

    /** The names of the component schemas the bodies (or else the answers) of all operations use. */
    @SuppressWarnings("rawtypes")
    private static Set<String> reachable(OpenAPI openApi, Map<String, Schema> schemas, boolean bodies) {
        Deque<String> pending = new ArrayDeque<>();
        Consumer<Content> fromContent = content -> {
            if (content != null) {
                content.values().forEach(media -> refs(media.getSchema(), pending));
            }
        };
        openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (bodies && operation.getRequestBody() != null) {
                        fromContent.accept(operation.getRequestBody().getContent());
                    }
                    if (!bodies && operation.getResponses() != null) {
                        operation.getResponses().values().forEach(answer -> fromContent.accept(answer.getContent()));
                    }
                }));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (schemas.containsKey(name) && seen.add(name)) {
                refs(schemas.get(name), pending);
            }
        }
        return seen;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void refs(Schema schema, Deque<String> found) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null && schema.get$ref().startsWith(REF)) {
            found.push(schema.get$ref().substring(REF.length()));
        }
        refs(schema.getItems(), found);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            refs(additional, found);
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> refs(p, found));
        }
        for (List<Schema> choices : new List[] {schema.getAnyOf(), schema.getOneOf(), schema.getAllOf()}) {
            if (choices != null) {
                choices.forEach(choice -> refs(choice, found));
            }
        }
    }
}
