package io.countersign.chat;

import io.countersign.chat.internal.CallbackRefusals;
import io.countersign.chat.internal.CallbackRefusals.Reason;
import io.countersign.chat.internal.ChatChannelStore;
import io.countersign.chat.internal.SlackInteractionHandler;
import io.countersign.shared.CountersignException;
import io.countersign.shared.Names;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's interactivity requests (button clicks, modal submissions). Each is signed: {@code
 * X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, under the channel's signing secret, of
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>}; a signed timestamp more than five minutes away
 * is a replay. A request failing either changes nothing; it is answered {@code 401} as any refused
 * call back is, counted, and audited with the reason within a small allowance per channel and reason
 * ({@link CallbackRefusals}), so that strangers cannot fill the log. A signed request is answered
 * {@code 200} whatever it holds, the only status Slack takes from an interaction: what decides nothing
 * is told to the clicker; only a fault of the service itself answers {@code 5xx}.
 */
@Service
public class SlackInteractions {

    private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);

    static final Duration FRESHNESS = Duration.ofMinutes(5);

    /** What an unknown channel's signature is checked against, so that it costs what a known one does. */
    private static final byte[] NO_SECRET = new byte[32];

    private final ChatChannelStore channels;
    private final SlackInteractionHandler handler;
    private final JsonMapper json;
    private final Clock clock;
    private final CallbackRefusals refusals;

    SlackInteractions(
            ChatChannelStore channels,
            SlackInteractionHandler handler,
            JsonMapper json,
            Clock clock,
            CallbackRefusals refusals) {
        this.channels = channels;
        this.refusals = refusals;
        this.handler = handler;
        this.json = json;
        this.clock = clock;
    }

    public ChatCallbackAnswer receive(
            String channelName, String timestamp, String signature, byte[] body, String sourceAddress) {
        Optional<ChatChannel> channel = channels.find(Names.canonical(channelName))
                .filter(c -> c.type() == ChatType.SLACK && c.signingSecret() != null);
        boolean signed = signed(
                channel.map(c -> c.signingSecret().getBytes(StandardCharsets.UTF_8))
                        .orElse(NO_SECRET),
                timestamp,
                signature,
                body);
        if (channel.isEmpty()) {
            return refusals.refuse(
                    ChatType.SLACK, CallbackRefusals.UNKNOWN_CHANNEL, Reason.NO_SUCH_CHANNEL, sourceAddress);
        }
        // the signature first: only a signed request's timestamp says anything
        if (!signed) {
            return refusals.refuse(ChatType.SLACK, channel.get().name(), Reason.BAD_SIGNATURE, sourceAddress);
        }
        if (!fresh(timestamp)) {
            return refusals.refuse(ChatType.SLACK, channel.get().name(), Reason.STALE_TIMESTAMP, sourceAddress);
        }
        JsonNode payload;
        try {
            payload = json.readTree(field(new String(body, StandardCharsets.UTF_8), "payload"));
        } catch (JacksonException | IllegalArgumentException unreadable) {
            return ChatCallbackAnswer.ok();
        }
        // Slack names the user of every interaction; one without is no Slack user's click
        if (payload.path("user").path("id").asString("").isBlank()) {
            return refusals.malformed(ChatType.SLACK, channel.get().name(), Reason.NO_USER, sourceAddress);
        }
        try {
            return handler.handle(channel.get(), payload);
        } catch (CountersignException refused) {
            // input no rule of the handler's own foresaw: Slack would show the clicker an error of its own
            log.warn(
                    "Slack channel {}: an interaction changed nothing: {}",
                    channel.get().name(),
                    refused.getMessage());
            return ChatCallbackAnswer.ok();
        }
    }

    private boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
            return Math.abs(clock.instant().getEpochSecond() - seconds) <= FRESHNESS.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean signed(byte[] secret, String timestamp, String signature, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            byte[] digest = mac.doFinal(body);
            byte[] expected = ("v0=" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8);
            byte[] given = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, given);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One field of a form body; empty text when absent. */
    private static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
