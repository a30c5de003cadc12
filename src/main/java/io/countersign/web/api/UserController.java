package io.countersign.web.api;

import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.Role;
import java.net.URI;
import java.util.List;
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
            Boolean active) {

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
            boolean active) {

        static UserResponse of(User user) {
            return new UserResponse(
                    user.username(),
                    user.email(),
                    user.displayName(),
                    user.level(),
                    user.manager(),
                    user.role(),
                    user.active());
        }
    }

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @PostMapping
    ResponseEntity<UserResponse> create(Actor actor, @RequestBody UserRequest body) {
        User user = users.create(actor, body.toInput());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.username()))
                .body(UserResponse.of(user));
    }

    @GetMapping
    List<UserResponse> list() {
        return users.list().stream().map(UserResponse::of).toList();
    }

    @GetMapping("/{username}")
    UserResponse get(Actor actor, @PathVariable String username) {
        return UserResponse.of(users.view(actor, username));
    }

    @PutMapping("/{username}")
    UserResponse replace(Actor actor, @PathVariable String username, @RequestBody UserRequest body) {
        return UserResponse.of(users.replace(actor, username, body.toInput()));
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String username) {
        users.delete(actor, username);
    }
}
