package io.countersign.web.api;

import io.countersign.security.ApiToken;
import io.countersign.security.ApiTokens;
import io.countersign.security.IssuedToken;
import io.countersign.shared.Actor;
import io.countersign.shared.Redacted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** A user's API tokens: issue, list and revoke; the owner or an administrator, anyone else gets 404. */
@Tag(name = "Tokens", description = "API tokens of a user.")
@RestController
@RequestMapping("/api/v1/users/{username}/tokens")
class TokenController {

    record TokenRequest(String name, Instant expiresAt) {}

    @Schema(requiredProperties = {"id", "name", "username", "token"})
    record TokenResponse(String id, String name, String username, String token, Instant expiresAt) {
        static TokenResponse of(IssuedToken issued) {
            return new TokenResponse(issued.id(), issued.name(), issued.username(), issued.token(), issued.expiresAt());
        }

        @Override
        public String toString() {
            return Redacted.toString(this, "token");
        }
    }

    private final ApiTokens tokens;
    private final UnreadBodyValues unread;

    TokenController(ApiTokens tokens, UnreadBodyValues unread) {
        this.tokens = tokens;
        this.unread = unread;
    }

    @ReportsUnreadValues
    @Operation(operationId = "issueToken", summary = "Issue an API token; its secret is shown once")
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new token")
    ResponseEntity<TokenResponse> issue(Actor actor, @PathVariable String username, @RequestBody TokenRequest body) {
        // a token issued on trial is rolled back with its hash and never answered
        TokenResponse issued =
                unread.refuseOr(() -> TokenResponse.of(tokens.issue(actor, username, body.name(), body.expiresAt())));
        return ResponseEntity.created(URI.create(
                        "/api/v1/users/" + UriUtils.encodePathSegment(issued.username(), StandardCharsets.UTF_8)
                                + "/tokens/" + issued.id()))
                .body(issued);
    }

    @Operation(operationId = "listTokens", summary = "List a user's API tokens, never their secrets")
    @GetMapping
    List<ApiToken> list(Actor actor, @PathVariable String username) {
        return tokens.list(actor, username);
    }

    @Operation(operationId = "revokeToken", summary = "Revoke one API token")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Actor actor, @PathVariable String username, @PathVariable String id) {
        tokens.revoke(actor, username, id);
    }

    @Operation(operationId = "revokeAllTokens", summary = "Revoke every API token of a user")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeAll(Actor actor, @PathVariable String username) {
        tokens.revokeAll(actor, username);
    }
}
