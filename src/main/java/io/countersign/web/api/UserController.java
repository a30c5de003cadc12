package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.security.EnforcerScope;
import io.countersign.security.EnforcerScopes;
import io.countersign.shared.Actor;
import io.countersign.shared.Role;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

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
            EnforcerScope scope) {

        UserInput toInput() {
            return new UserInput(username, email, displayName, level, manager, role, active);
        }
    }

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

    UserController(Users users, EnforcerScopes scopes) {
        this.users = users;
        this.scopes = scopes;
    }

    private UserResponse withScope(User user) {
        return UserResponse.of(user, scopes.of(user.username()).orElse(null));
    }

    @PostMapping
    ResponseEntity<UserResponse> create(Actor actor, @RequestBody UserRequest body) {
        User user = scopes.create(actor, body.toInput(), body.scope());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.username()))
                .body(withScope(user));
    }

    @GetMapping
    List<UserResponse> list() {
        Map<String, EnforcerScope> all = scopes.all();
        return users.list().stream()
                .map(user -> UserResponse.of(user, all.get(user.username())))
                .toList();
    }

    @GetMapping("/{username}")
    UserResponse get(Actor actor, @PathVariable String username) {
        return withScope(users.view(actor, username));
    }

    @PutMapping("/{username}")
    UserResponse replace(Actor actor, @PathVariable String username, @RequestBody UserRequest body) {
        return withScope(scopes.replace(actor, username, body.toInput(), body.scope()));
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String username) {
        users.delete(actor, username);
    }
}
