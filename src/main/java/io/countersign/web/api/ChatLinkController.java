package io.countersign.web.api;

import io.countersign.chat.ChatLinkCode;
import io.countersign.chat.ChatLinkView;
import io.countersign.chat.ChatLinks;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's chat links, and the one-time codes that link a user's chat identity (Telegram) to their Countersign account. */
@Tag(name = "Chat links", description = "A user's chat identities, linked by a one-time code.")
@RestController
class ChatLinkController {

    record ChatLinkBody(
            @Schema(allowableValues = "TELEGRAM") String type) {}

    private final ChatLinks links;
    private final UnreadBodyValues unread;

    ChatLinkController(ChatLinks links, UnreadBodyValues unread) {
        this.links = links;
        this.unread = unread;
    }

    @ReportsUnreadValues
    @Operation(
            operationId = "createChatLink",
            summary = "Issue a one-time code the user sends to the Telegram bot as /link <code>",
            description = "Refused with 409 (`type`: `no_channel`) while no Telegram channel exists, since no"
                    + " bot could receive the code; no code is issued then.")
    @PostMapping("/api/v1/users/{username}/chat-links")
    @ResponseStatus(HttpStatus.CREATED)
    ChatLinkCode create(Actor actor, @PathVariable String username, @RequestBody ChatLinkBody body) {
        return unread.refuseOr(() -> links.createCode(actor, username, body.type()));
    }

    @Operation(
            operationId = "listChatLinks",
            summary = "The user's linked chat identities and pending link codes (never the code itself)")
    @GetMapping("/api/v1/users/{username}/chat-links")
    List<ChatLinkView> list(Actor actor, @PathVariable String username) {
        return links.list(actor, username);
    }

    @Operation(operationId = "deleteChatLink", summary = "Unlink a chat identity from the user")
    @DeleteMapping("/api/v1/users/{username}/chat-links/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String username, @PathVariable String id) {
        links.unlink(actor, username, id);
    }
}
