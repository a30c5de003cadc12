package io.countersign.web.api;

import io.countersign.chat.ChatChannelInput;
import io.countersign.chat.ChatChannelView;
import io.countersign.chat.ChatChannels;
import io.countersign.chat.ChatTestResult;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** Chat channels (Slack, Teams, Discord, Telegram). Administrators only; secrets are write-only. */
@Tag(name = "Chat channels", description = "Slack, Teams, Discord and Telegram destinations of notifications.")
@RestController
@RequestMapping("/api/v1/channels")
class ChannelController {

    private final ChatChannels channels;

    private final UnreadBodyValues unread;

    ChannelController(ChatChannels channels, UnreadBodyValues unread) {
        this.channels = channels;
        this.unread = unread;
    }

    @Operation(operationId = "listChannels", summary = "List chat channels")
    @GetMapping
    List<ChatChannelView> list(Actor actor) {
        return channels.list(actor);
    }

    @ReportsUnreadValues
    @Operation(operationId = "createChannel", summary = "Create a chat channel")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new channel")
    @PostMapping
    ResponseEntity<ChatChannelView> create(Actor actor, @RequestBody ChatChannelInput body) {
        ChatChannelView created = unread.refuseOr(() -> channels.create(actor, body));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + created.name()))
                .body(created);
    }

    @Operation(operationId = "getChannel", summary = "Read a chat channel")
    @GetMapping("/{name}")
    @ReadOfObject
    ChatChannelView get(Actor actor, @PathVariable String name) {
        return channels.get(actor, name);
    }

    @ReportsUnreadValues
    @Operation(operationId = "replaceChannel", summary = "Replace a chat channel; secrets left out are kept")
    @PutMapping("/{name}")
    ChatChannelView replace(Actor actor, @PathVariable String name, @RequestBody ChatChannelInput body) {
        return unread.refuseOr(() -> channels.replace(actor, name, body));
    }

    @Operation(operationId = "deleteChannel", summary = "Delete a chat channel no policy names")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String name) {
        channels.delete(actor, name);
    }

    @Operation(operationId = "testChannel", summary = "Send a test message; answers the platform's own error")
    @PostMapping("/{name}/test")
    @ActionOnObject
    ChatTestResult test(Actor actor, @PathVariable String name) {
        return channels.test(actor, name);
    }
}
