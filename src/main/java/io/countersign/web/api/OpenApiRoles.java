package io.countersign.web.api;

import io.countersign.shared.Role;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The roles that may call each operation, in {@code x-roles} and in a sentence of its description.
 * They are asked of the security rules themselves, for a caller of each role, so that the description
 * changes when a rule does. Finer rules (a user reads only their own requests) are the modules' and
 * are not told here.
 */
final class OpenApiRoles {

    static final String EXTENSION = "x-roles";

    /** A path variable: any value is matched alike by the rules, which name no object. */
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    private OpenApiRoles() {}

    static void describe(OpenAPI openApi, WebInvocationPrivilegeEvaluator rules) {
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (operation.getSecurity() != null
                            && operation.getSecurity().isEmpty()) {
                        return; // the chat platforms' call-backs take no token, and so no role
                    }
                    String address = VARIABLE.matcher(path).replaceAll("any");
                    List<String> roles = Arrays.stream(Role.values())
                            .filter(role -> rules.isAllowed(null, address, method.name(), caller(role)))
                            .map(Role::name)
                            .toList();
                    operation.addExtension(EXTENSION, roles);
                    say(
                            operation,
                            roles.isEmpty()
                                    ? "No role may call it."
                                    : "Roles that may call it: " + String.join(", ", roles) + ".");
                }));
    }

    /** A caller as the bearer token filter authenticates one of {@code role}. */
    private static Authentication caller(Role role) {
        return UsernamePasswordAuthenticationToken.authenticated(
                "openapi", null, List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    }

    private static void say(Operation operation, String sentence) {
        String description = operation.getDescription();
        if (description != null && description.endsWith(sentence)) {
            return; // described already: a document built again reuses the operations
        }
        operation.setDescription(
                description == null || description.isBlank() ? sentence : description + "\n\n" + sentence);
    }
}
