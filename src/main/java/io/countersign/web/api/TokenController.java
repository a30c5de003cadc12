package io.countersign.web.api;

import io.countersign.security.ApiTokens;
import io.countersign.security.IssuedToken;
import io.countersign.shared.Actor;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
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

    @PostMapping("/api/v1/users/{username}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse issue(Actor actor, @PathVariable String username, @RequestBody TokenRequest body) {
        return TokenResponse.of(tokens.issue(actor, username, body.name(), body.expiresAt()));
    }
}
