package io.countersign.web.api;

import io.countersign.chat.ChatCallbackAnswer;
import io.countersign.chat.SlackInteractions;
import io.countersign.chat.TelegramUpdates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What chat platforms call back: no bearer token, the platform's own secret is the proof (see {@link
 * TelegramUpdates} and {@link SlackInteractions}). A refused call is answered 401 with one short
 * plain-text sentence, the same whatever the reason.
 */
@Tag(
        name = "Chat call-backs",
        description = "What chat platforms call to deliver button presses and messages; no bearer token.")
@RestController
@SecurityRequirements
@ApiResponse(
        responseCode = "401",
        description = "Refused: the platform's secret or signature is missing or wrong, or the channel is unknown;"
                + " one short sentence, the same whatever the reason",
        content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
class ChatCallbackController {

    private final TelegramUpdates telegram;
    private final SlackInteractions slack;

    ChatCallbackController(TelegramUpdates telegram, SlackInteractions slack) {
        this.telegram = telegram;
        this.slack = slack;
    }

    /**
     * The body as {@link RawSlackBody} kept it, not a {@code @RequestBody}: for a form post Spring
     * rebuilds that from the parsed parameters in its own encoding, while the signature covers the
     * bytes exactly as Slack sent them. Taken whatever its {@code Content-Type}: a mapping that named
     * one refused a forged call without it ({@code 415}) before its signature was checked, rather than
     * with the {@code 401} every refused call back gets; the signature alone says whether Slack sent it.
     */
    @Operation(
            operationId = "receiveSlackInteraction",
            summary = "Slack interactivity (signed form with payload)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)))
    @ApiResponse(
            responseCode = "200",
            description = "Taken; a message Slack shows in place of the one clicked, or no body",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
    @PostMapping("/chat/slack/{channel}/interactions")
    ResponseEntity<String> slack(
            @PathVariable String channel,
            @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Slack-Signature", required = false) String signature,
            HttpServletRequest request)
            throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        return answer(slack.receive(channel, timestamp, signature, body, request.getRemoteAddr()));
    }

    /**
     * The body read as it came, not as a {@code @RequestBody}, whose converter refused a {@code
     * Content-Type} it could not parse ({@code 415}) before the secret token was looked at. Telegram sends
     * JSON, which is UTF-8.
     */
    @Operation(
            operationId = "receiveTelegramUpdate",
            summary = "Telegram bot webhook (secret token header)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE)))
    @ApiResponse(responseCode = "200", description = "Taken; no body")
    @PostMapping("/chat/telegram/{channel}/updates")
    ResponseEntity<String> telegram(
            @PathVariable String channel,
            @RequestHeader(name = "X-Telegram-Bot-Api-Secret-Token", required = false) String secret,
            HttpServletRequest request)
            throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return answer(telegram.receive(channel, secret, body, request.getRemoteAddr()));
    }

    private static ResponseEntity<String> answer(ChatCallbackAnswer answer) {
        ResponseEntity.BodyBuilder status = ResponseEntity.status(answer.status());
        if (answer.json() != null) {
            return status.contentType(MediaType.APPLICATION_JSON).body(answer.json());
        }
        return answer.text() == null
                ? status.build()
                : status.contentType(MediaType.TEXT_PLAIN).body(answer.text());
    }
}
