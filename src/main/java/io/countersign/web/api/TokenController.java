package io.countersign.web.api;

import io.countersign.security.ApiToken;
import io.countersign.security.ApiTokens;
import io.countersign.security.IssuedToken;
import io.countersign.shared.Actor;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's API tokens: issue, list and revoke; the owner or an administrator, anyone else gets 404. */
@RestController
@RequestMapping("/api/v1/users/{username}/tokens")
class TokenController {

    record TokenRequest(String name, Instant expiresAt) {}

    record TokenResponse(String id, String name, String username, String token, Instant expiresAt) {
        static TokenResponse of(IssuedToken issued) {
            return new TokenResponse(issued.id(), issued.name(), issued.username(), issued.token(), issued.expiresAt());
        }
    }

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse issue(Actor actor, @PathVariable String username, @RequestBody TokenRequest body) {
        return TokenResponse.of(tokens.issue(actor, username, body.name(), body.expiresAt()));
    }

    @GetMapping
    List<ApiToken> list(Actor actor, @PathVariable String username) {
        return tokens.list(actor, username);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Actor actor, @PathVariable String username, @PathVariable String id) {
        tokens.revoke(actor, username, id);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeAll(Actor actor, @PathVariable String username) {
        tokens.revokeAll(actor, username);
    }
}
