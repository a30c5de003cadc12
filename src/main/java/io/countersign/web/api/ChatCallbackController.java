package io.countersign.web.api;

import io.countersign.chat.ChatCallbackAnswer;
import io.countersign.chat.SlackInteractions;
import io.countersign.chat.TelegramUpdates;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What chat platforms call back: no bearer token, the platform's own secret is the proof (see {@link
 * TelegramUpdates} and {@link SlackInteractions}). A refused call is answered 401 with nothing else.
 */
@RestController
class ChatCallbackController {

    private final TelegramUpdates telegram;
    private final SlackInteractions slack;

    ChatCallbackController(TelegramUpdates telegram, SlackInteractions slack) {
        this.telegram = telegram;
        this.slack = slack;
    }

    /** Read as the raw body: the signature covers the bytes exactly as Slack sent them. */
    @Operation(operationId = "receiveSlackInteraction", summary = "Slack interactivity (signed form with payload)")
    @PostMapping(path = "/chat/slack/{channel}/interactions", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> slack(
            @PathVariable String channel,
            @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Slack-Signature", required = false) String signature,
            @RequestBody(required = false) String body) {
        ChatCallbackAnswer answer = slack.receive(channel, timestamp, signature, body == null ? "" : body);
        ResponseEntity.BodyBuilder status = ResponseEntity.status(answer.status());
        return answer.json() == null
                ? status.build()
                : status.contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    @Operation(operationId = "receiveTelegramUpdate", summary = "Telegram bot webhook (secret token header)")
    @PostMapping("/chat/telegram/{channel}/updates")
    ResponseEntity<Void> telegram(
            @PathVariable String channel,
            @RequestHeader(name = "X-Telegram-Bot-Api-Secret-Token", required = false) String secret,
            @RequestBody(required = false) String body) {
        boolean taken = telegram.receive(channel, secret, body == null ? "" : body);
        return ResponseEntity.status(taken ? HttpStatus.OK : HttpStatus.UNAUTHORIZED)
                .build();
    }
}
