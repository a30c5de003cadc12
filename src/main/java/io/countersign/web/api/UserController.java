package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.security.EnforcerScope;
import io.countersign.security.EnforcerScopes;
import io.countersign.security.Passwords;
import io.countersign.security.UserAccounts;
import io.countersign.shared.Actor;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import io.countersign.shared.Redacted;
import io.countersign.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Users", description = "People and service accounts with their tool role, level and manager.")
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    record UserRequest(
            String username,
            String email,
            String displayName,
            String level,
            String manager,
            Role role,
            Boolean active,
            EnforcerScope scope,

            @Schema(
                    accessMode = Schema.AccessMode.WRITE_ONLY,
                    description = "Sets the local sign-in password (12 to 128 characters); never returned")
            String password) {

        UserInput toInput() {
            return new UserInput(username, email, displayName, level, manager, role, active);
        }

        @Override
        public String toString() {
            return Redacted.toString(this, "password");
        }
    }

    @Schema(requiredProperties = {"username", "email", "displayName", "role", "active"})
    record UserResponse(
            String username,
            String email,
            String displayName,
            String level,
            String manager,
            Role role,
            boolean active,
            @JsonInclude(JsonInclude.Include.NON_NULL) EnforcerScope scope) {

        static UserResponse of(User user, EnforcerScope scope) {
            return new UserResponse(
                    user.username(),
                    user.email(),
                    user.displayName(),
                    user.level(),
                    user.manager(),
                    user.role(),
                    user.active(),
                    scope);
        }
    }

    private final Users users;
    private final EnforcerScopes scopes;

    private final Revised revised;
    private final Passwords passwords;
    private final UserAccounts accounts;
    private final UnreadBodyValues unread;

    UserController(
            Users users,
            EnforcerScopes scopes,
            Revised revised,
            Passwords passwords,
            UserAccounts accounts,
            UnreadBodyValues unread) {
        this.unread = unread;
        this.users = users;
        this.scopes = scopes;
        this.revised = revised;
        this.passwords = passwords;
        this.accounts = accounts;
    }

    record PasswordChange(
            String current, @JsonProperty("new") String replacement) {
        @Override
        public String toString() {
            return Redacted.toString(this, "current", "replacement");
        }
    }

    @Operation(
            operationId = "changePassword",
            summary = "Change a user's sign-in password",
            description =
                    "The user must give `current`; an administrator changing another user's password may omit it.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @PutMapping("/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(Actor actor, @PathVariable String username, @RequestBody PasswordChange body) {
        passwords.change(actor, Names.canonical(username), body.current(), body.replacement());
    }

    private UserResponse withScope(User user) {
        return UserResponse.of(user, scopes.of(user.username()).orElse(null));
    }

    record UserPage(List<UserResponse> items, String nextCursor) {}

    @ReportsUnreadValues
    @Operation(operationId = "createUser", summary = "Create a user")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new object and `ETag` its version")
    @PostMapping
    ResponseEntity<UserResponse> create(Actor actor, @RequestBody UserRequest body) {
        return revised.create(
                users::revision,
                "/api/v1/users/",
                UserResponse::username,
                () -> unread.refuseOr(
                        () -> withScope(accounts.create(actor, body.toInput(), body.scope(), body.password()))));
    }

    /** A page with {@code limit} or {@code cursor}; without either, every user as a plain array. */
    @Operation(operationId = "listUsers", summary = "List users, by username")
    @ApiResponse(
            responseCode = "200",
            description =
                    "Without `limit` or `cursor`: every user as a plain array. With either: one page `{items, nextCursor}`; `nextCursor` is null on the last page.",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {UserPage.class, UserResponse[].class})))
    @GetMapping
    Object list(
            @RequestParam(required = false) String prefix,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Map<String, EnforcerScope> all = scopes.all();
        if (!Listing.paged(cursor, limit)) {
            return Listing.withPrefix(users.list(), Names.canonical(prefix), User::username).stream()
                    .map(user -> UserResponse.of(user, all.get(user.username())))
                    .toList();
        }
        NamePage<User> page = users.page(NameQuery.of("users", Names.canonical(prefix), cursor, limit));
        return new UserPage(
                page.items().stream()
                        .map(user -> UserResponse.of(user, all.get(user.username())))
                        .toList(),
                page.nextCursor());
    }

    @Operation(operationId = "getUser", summary = "Read a user")
    @GetMapping("/{username}")
    ResponseEntity<UserResponse> get(Actor actor, @PathVariable String username) {
        return revised.get(users::revision, username, () -> withScope(users.view(actor, username)));
    }

    @ReportsUnreadValues
    @Operation(operationId = "replaceUser", summary = "Replace a user")
    @PutMapping("/{username}")
    ResponseEntity<UserResponse> replace(
            Actor actor,
            @PathVariable String username,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody UserRequest body) {
        return revised.replace(
                users::revision,
                username,
                ifMatch,
                () -> unread.refuseOr(() ->
                        withScope(accounts.replace(actor, username, body.toInput(), body.scope(), body.password()))));
    }

    @Operation(operationId = "deleteUser", summary = "Delete a user")
    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            Actor actor,
            @PathVariable String username,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        revised.delete(users::revision, username, ifMatch, () -> users.delete(actor, username));
    }
}
