package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.SharedCache;
import io.countersign.shared.database.SharedCaches;
import io.countersign.shared.secrets.SealedSecrets;
import io.countersign.shared.secrets.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The configured chat channels. Secrets are sealed on the way in and opened on the way out, each under
 * a context naming its channel and column, so that a ciphertext copied to another row or column does
 * not open.
 */
@Repository
public class ChatChannelStore implements SealedSecrets {

    private static final Logger log = LoggerFactory.getLogger(ChatChannelStore.class);
    private static final List<String> SECRETS = List.of("bot_token", "signing_secret", "webhook_secret", "webhook_url");

    /** What routing a notification needs of a channel: never its secrets. */
    public record Outline(String name, ChatType type, boolean isDefault, boolean directMessages) {}

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    /**
     * The channels' outlines, asked for every notification queued: read once rather than each time.
     * Stale for the milliseconds a change takes to reach the other instances, which is harmless
     * (docs/adr/0027): it decides only which chats are told, and a message to a channel deleted
     * meanwhile fails as undeliverable.
     */
    private final SharedCache<String, List<Outline>> outlines;

    public ChatChannelStore(JdbcClient jdbc, SecretCipher cipher, SharedCaches caches) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.outlines = caches.create("chat_channels", Duration.ofSeconds(10));
    }

    public List<Outline> outlines() {
        return outlines.get(
                "all",
                key -> jdbc.sql("select name, type, is_default, direct_messages from chat_channels order by name")
                        .query((rs, n) -> new Outline(
                                rs.getString("name"),
                                ChatType.valueOf(rs.getString("type")),
                                rs.getBoolean("is_default"),
                                rs.getBoolean("direct_messages")))
                        .list());
    }

    public List<ChatChannel> all() {
        return jdbc.sql("select * from chat_channels order by name")
                .query((rs, n) -> read(rs))
                .list();
    }

    public Optional<ChatChannel> find(String name) {
        return jdbc.sql("select * from chat_channels where name = ?")
                .param(name)
                .query((rs, n) -> read(rs))
                .optional();
    }

    public boolean exists(String name) {
        return jdbc.sql("select count(*) from chat_channels where name = ?")
                        .param(name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public boolean anyOf(ChatType type) {
        return outlines().stream().anyMatch(c -> c.type() == type);
    }

    /** Locks the channel's row for a replacement; false when there is none. */
    public boolean lock(String name) {
        return jdbc.sql("select name from chat_channels where name = ? for update")
                .param(name)
                .query(String.class)
                .optional()
                .isPresent();
    }

    public void insert(ChatChannel c, String by, Instant now) {
        outlines.changed();
        jdbc.sql("""
                        insert into chat_channels (name, type, is_default, slack_channel, direct_messages, chat_id,
                            api_base_url, bot_token, signing_secret, webhook_secret, webhook_url, created_at,
                            updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(values(c, now, by, true)).update();
    }

    public void update(ChatChannel c, String by, Instant now) {
        outlines.changed();
        List<Object> values = values(c, now, by, false);
        values.add(c.name());
        jdbc.sql("""
                        update chat_channels set type = ?, is_default = ?, slack_channel = ?, direct_messages = ?,
                            chat_id = ?, api_base_url = ?, bot_token = ?, signing_secret = ?, webhook_secret = ?,
                            webhook_url = ?, updated_at = ?, updated_by = ?
                        where name = ?""").params(values).update();
    }

    /**
     * Deletes the channel and what it posted: a later channel of the same name, which may be another
     * team's, must not rewrite or be told about those messages. The channel's row goes first: a message
     * being recorded holds it ({@link ChatMessages#record}), and is then deleted with the others.
     */
    public boolean delete(String name) {
        outlines.changed();
        boolean deleted =
                jdbc.sql("delete from chat_channels where name = ?").param(name).update() > 0;
        jdbc.sql("delete from chat_messages where channel_name = ?").param(name).update();
        return deleted;
    }

    private List<Object> values(ChatChannel c, Instant now, String by, boolean withName) {
        List<Object> values = new ArrayList<>();
        if (withName) {
            values.add(c.name());
        }
        values.add(c.type().name());
        values.add(c.isDefault());
        values.add(c.slackChannel());
        values.add(c.directMessages());
        values.add(c.chatId());
        values.add(c.apiBaseUrl());
        values.add(seal(c.botToken(), c.name(), "bot_token"));
        values.add(seal(c.signingSecret(), c.name(), "signing_secret"));
        values.add(seal(c.webhookSecret(), c.name(), "webhook_secret"));
        values.add(seal(c.webhookUrl(), c.name(), "webhook_url"));
        if (withName) {
            values.add(Timestamps.toDb(now));
        }
        values.add(Timestamps.toDb(now));
        values.add(by);
        return values;
    }

    private String seal(String plain, String name, String column) {
        return plain == null ? null : cipher.encrypt(plain, context(name, column));
    }

    /**
     * A secret sealed with another key (the encryption key was rotated, or instances run with different
     * keys) reads as none: the channel stays readable and replaceable, so an administrator can enter it
     * again, callbacks that need it are refused, and the health component {@code secrets} reports it.
     */
    private String open(ResultSet rs, String name, String column) throws SQLException {
        String sealed = rs.getString(column);
        if (sealed == null) {
            return null;
        }
        try {
            return cipher.decrypt(sealed, context(name, column));
        } catch (SecretCipher.UndecryptableSecretException e) {
            log.warn(
                    "The stored {} cannot be decrypted with this instance's key: {}",
                    context(name, column),
                    e.getMessage());
            return null;
        }
    }

    static String context(String name, String column) {
        return "chat_channels:" + name + ":" + column;
    }

    private ChatChannel read(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        return new ChatChannel(
                name,
                ChatType.valueOf(rs.getString("type")),
                rs.getBoolean("is_default"),
                rs.getString("slack_channel"),
                rs.getBoolean("direct_messages"),
                rs.getString("chat_id"),
                rs.getString("api_base_url"),
                open(rs, name, "bot_token"),
                open(rs, name, "signing_secret"),
                open(rs, name, "webhook_secret"),
                open(rs, name, "webhook_url"));
    }

    @Override
    public String kind() {
        return "chat channel secret";
    }

    @Override
    public List<Sealed> sealedSecrets() {
        List<Sealed> sealed = new ArrayList<>();
        jdbc.sql("select name, bot_token, signing_secret, webhook_secret, webhook_url from chat_channels")
                .query(rs -> {
                    for (String column : SECRETS) {
                        String value = rs.getString(column);
                        if (value != null) {
                            sealed.add(new Sealed(context(rs.getString("name"), column), value));
                        }
                    }
                });
        return sealed;
    }
}
