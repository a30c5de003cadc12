package io.countersign.web.api;

import io.countersign.audit.AuditCheckpoints;
import io.countersign.audit.AuditExportFormat;
import io.countersign.audit.AuditQuery;
import io.countersign.grant.Grants;
import io.countersign.notify.NotificationDeliveries;
import io.countersign.notify.WebhookDeliveries;
import io.countersign.request.RequestStatus;
import io.countersign.request.Requests;
import io.countersign.shared.NameQuery;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the query parameters take, as the service reads them: several arrive as text and are read by
 * their module (to refuse {@code 0x10} or an empty value in words of its own), which springdoc
 * therefore describes as any text. A page's {@code limit} is bounded by the constant its list's
 * validation refuses by, so that the description follows a change of it.
 */
final class OpenApiParameters {

    /** The largest page of each list. */
    private static final Map<String, Integer> PAGE_LIMITS = Map.ofEntries(
            Map.entry("listUsers", NameQuery.MAX_LIMIT),
            Map.entry("listGroups", NameQuery.MAX_LIMIT),
            Map.entry("listResources", NameQuery.MAX_LIMIT),
            Map.entry("listPolicies", NameQuery.MAX_LIMIT),
            Map.entry("listWebhooks", NameQuery.MAX_LIMIT),
            Map.entry("listRequests", Requests.MAX_LIMIT),
            Map.entry("listBreakGlassUses", Requests.MAX_LIMIT),
            Map.entry("listGrants", Grants.MAX_LIMIT),
            Map.entry("listAuditEvents", AuditQuery.MAX_LIMIT),
            Map.entry("listAuditCheckpoints", AuditCheckpoints.MAX_LIMIT),
            Map.entry("listNotificationDeliveries", NotificationDeliveries.MAX_LIMIT),
            Map.entry("listWebhookDeliveries", WebhookDeliveries.MAX_LIMIT));

    /** The audit filters, read as instants by {@link AuditQuery}. */
    private static final Set<String> AUDIT_FILTERS = Set.of("listAuditEvents", "exportAuditEvents");

    /** The parameters without which the access check is refused, each named in the 400's {@code errors}. */
    private static final Set<String> ACCESS_QUESTION = Set.of("user", "resource", "account");

    private OpenApiParameters() {}

    /**
     * @throws IllegalStateException when an operation pages without a bound known here: a new list
     *     must name the constant its validation uses
     */
    static void describe(OpenAPI openApi) {
        openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(parameter -> describe(operation, parameter));
                    }
                }));
    }

    private static void describe(Operation operation, Parameter parameter) {
        if (!"query".equals(parameter.getIn())) {
            return;
        }
        String id = operation.getOperationId();
        String name = parameter.getName();
        if ("limit".equals(name)) {
            Integer most = PAGE_LIMITS.get(id);
            if (most == null) {
                throw new IllegalStateException(id + " takes a limit whose largest value is not described");
            }
            parameter.setSchema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(most)));
        } else if (AUDIT_FILTERS.contains(id) && ("from".equals(name) || "to".equals(name))) {
            parameter.setSchema(new StringSchema().format("date-time"));
        } else if ("verifyAudit".equals(id) && "events".equals(name)) {
            parameter.setSchema(new IntegerSchema().format("int64").minimum(BigDecimal.ONE));
        } else if ("exportAuditEvents".equals(id) && "format".equals(name)) {
            parameter
                    .required(true)
                    .setSchema(choice(Arrays.stream(AuditExportFormat.values())
                            .map(AuditExportFormat::extension)
                            .toList()));
        } else if ("listRequests".equals(id) && "status".equals(name)) {
            parameter.setSchema(
                    choice(Arrays.stream(RequestStatus.values()).map(Enum::name).toList()));
        } else if ("listRequests".equals(id) && "awaiting".equals(name)) {
            parameter
                    .description("`me`: only the requests that wait on the caller's decision now")
                    .setSchema(choice(List.of("me")));
        } else if ("getRequest".equals(id) && "wait".equals(name)) {
            // read as text to cap any number, but a whole number of seconds all the same
            parameter.setSchema(new IntegerSchema().minimum(BigDecimal.ZERO));
        } else if ("checkAccess".equals(id) && ACCESS_QUESTION.contains(name)) {
            parameter.setRequired(true);
        }
    }

    private static Schema<String> choice(List<String> values) {
        return new StringSchema()._enum(values);
    }
}
