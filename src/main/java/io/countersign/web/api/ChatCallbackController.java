package io.countersign.web.api;

import io.countersign.chat.TelegramUpdates;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What chat platforms call back: no bearer token, the platform's own secret is the proof (see {@link
 * TelegramUpdates}). A refused call is answered 401 with nothing else.
 */
@RestController
class ChatCallbackController {

    private final TelegramUpdates telegram;

    ChatCallbackController(TelegramUpdates telegram) {
        this.telegram = telegram;
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
