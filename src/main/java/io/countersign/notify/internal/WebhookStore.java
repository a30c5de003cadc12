package io.countersign.notify.internal;

import io.countersign.notify.EventType;
import io.countersign.notify.Webhook;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Revision;
import io.countersign.shared.Revisions;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.SharedCache;
import io.countersign.shared.database.SharedCaches;
import io.countersign.shared.secrets.SealedSecrets;
import io.countersign.shared.secrets.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhook endpoints, their subscriptions and their encrypted secrets. */
@Repository
public class WebhookStore implements SealedSecrets {

    /**
     * How long a subscriber list may be used before it is read again even though no change was
     * heard of (a notification lost with a broken connection).
     */
    static final Duration SUBSCRIBERS_MAX_AGE = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    /**
     * The endpoints subscribed to each event type, read once rather than once per event. Stale for
     * the milliseconds a change takes to reach the other instances, which is harmless (docs/adr/0027):
     * an event committed then is as if it had committed just before the webhook was created, and a
     * delivery for an endpoint deleted meanwhile is skipped, as any delivery of a deleted webhook is.
     */
    private final SharedCache<String, List<String>> subscribers;

    public WebhookStore(JdbcClient jdbc, SharedCaches caches, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.subscribers = caches.create("webhook_subscriptions", SUBSCRIBERS_MAX_AGE);
    }

    /** A secret as stored: still encrypted. */
    public record StoredSecret(int number, String ciphertext, Instant createdAt) {}

    public void insert(String id, String url, List<String> events, String createdBy, Instant now) {
        subscribers.changed();
        jdbc.sql("insert into webhooks (id, url, created_by, created_at) values (?, ?, ?, ?)")
                .params(id, url, createdBy, Timestamps.toDb(now))
                .update();
        for (String event : events) {
            jdbc.sql("insert into webhook_subscriptions (webhook_id, event_type) values (?, ?)")
                    .params(id, event)
                    .update();
        }
    }

    public Optional<Webhook> find(String id) {
        return load("where id = :id", Map.of("id", id)).stream().findFirst();
    }

    public List<Webhook> all() {
        return load("", Map.of());
    }

    /** Locks the endpoint's row so that concurrent secret changes are applied one after the other. */
    public boolean lock(String id) {
        return jdbc.sql("select id from webhooks where id = ? for update")
                .param(id)
                .query(String.class)
                .optional()
                .isPresent();
    }

    public void delete(String id) {
        subscribers.changed();
        jdbc.sql("delete from webhooks where id = ?").param(id).update();
    }

    public List<String> subscribersOf(String eventType) {
        return subscribers.get(
                eventType,
                type -> List.copyOf(jdbc.sql(
                                "select webhook_id from webhook_subscriptions where event_type = ? order by webhook_id")
                        .param(type)
                        .query(String.class)
                        .list()));
    }

    public Optional<String> url(String id) {
        return jdbc.sql("select url from webhooks where id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    public List<StoredSecret> secrets(String webhookId) {
        return jdbc.sql("""
                        select secret_number, ciphertext, created_at from webhook_secrets
                        where webhook_id = ? order by secret_number desc""")
                .param(webhookId)
                .query((rs, row) -> new StoredSecret(
                        rs.getInt("secret_number"), rs.getString("ciphertext"), instant(rs, "created_at")))
                .list();
    }

    @Override
    public String kind() {
        return "webhook secret";
    }

    /** Every webhook secret, still encrypted, for the health component that checks they can be read. */
    @Override
    public List<Sealed> sealedSecrets() {
        return jdbc.sql("select webhook_id, secret_number, ciphertext from webhook_secrets")
                .query((rs, row) -> new Sealed(
                        SecretContext.of(rs.getString("webhook_id"), rs.getInt("secret_number")),
                        rs.getString("ciphertext")))
                .list();
    }

    public int nextSecretNumber(String webhookId) {
        return jdbc.sql("select coalesce(max(secret_number), 0) + 1 from webhook_secrets where webhook_id = ?")
                .param(webhookId)
                .query(Integer.class)
                .single();
    }

    public void addSecret(String webhookId, int number, String ciphertext, Instant now) {
        jdbc.sql("""
                        insert into webhook_secrets (webhook_id, secret_number, ciphertext, created_at)
                        values (?, ?, ?, ?)""")
                .params(webhookId, number, ciphertext, Timestamps.toDb(now))
                .update();
        bumpVersion(webhookId);
    }

    public boolean removeSecret(String webhookId, int number) {
        boolean removed = jdbc.sql("delete from webhook_secrets where webhook_id = ? and secret_number = ?")
                        .params(webhookId, number)
                        .update()
                == 1;
        if (removed) {
            bumpVersion(webhookId);
        }
        return removed;
    }

    /** The secrets are part of what a webhook answers, so changing them changes its ETag. */
    private void bumpVersion(String webhookId) {
        jdbc.sql("update webhooks set version = version + 1 where id = ?")
                .param(webhookId)
                .update();
    }

    /** One page of webhooks by id, as {@code query} asks; the prefix filters on the URL. */
    public List<Webhook> page(NameQuery query) {
        List<String> ids = query.keys(jdbc, "webhooks", "id", "url");
        if (ids.isEmpty()) {
            return List.of();
        }
        return load("where id in (:ids)", Map.of("ids", ids)).stream()
                .sorted(Comparator.comparing(Webhook::id))
                .toList();
    }

    public Optional<Revision> revision(String id, boolean lock) {
        return Revisions.read(jdbc, "webhooks", "id", id, lock);
    }

    private List<Webhook> load(String where, Map<String, ?> params) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql("select id, url, created_at from webhooks " + where + " order by created_at, id")
                .params(params)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("url"), instant(rs, "created_at")))
                .list()
                .forEach(row -> rows.put(row.id, row));
        if (rows.isEmpty()) {
            return List.of();
        }
        var ids = Map.of("ids", List.copyOf(rows.keySet()));
        jdbc.sql("select webhook_id, event_type from webhook_subscriptions where webhook_id in (:ids)")
                .params(ids)
                .query(rs -> {
                    rows.get(rs.getString("webhook_id")).events.add(rs.getString("event_type"));
                });
        jdbc.sql("""
                        select webhook_id, secret_number, ciphertext, created_at from webhook_secrets
                        where webhook_id in (:ids) order by secret_number""").params(ids).query(rs -> {
            String webhookId = rs.getString("webhook_id");
            int number = rs.getInt("secret_number");
            rows.get(webhookId)
                    .secrets
                    .add(new Webhook.SigningSecret(
                            number,
                            instant(rs, "created_at"),
                            readable(webhookId, number, rs.getString("ciphertext"))));
        });
        return rows.values().stream().map(Row::toWebhook).toList();
    }

    /**
     * Whether this instance's key opens the secret: after the encryption key was changed, the ones
     * still sealed with the old key are those to delete once the secret was added again.
     */
    private boolean readable(String webhookId, int number, String ciphertext) {
        try {
            cipher.decrypt(ciphertext, SecretContext.of(webhookId, number));
            return true;
        } catch (SecretCipher.UndecryptableSecretException e) {
            return false;
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }

    private static final class Row {
        final String id;
        final String url;
        final Instant createdAt;
        final List<String> events = new ArrayList<>();
        final List<Webhook.SigningSecret> secrets = new ArrayList<>();

        Row(String id, String url, Instant createdAt) {
            this.id = id;
            this.url = url;
            this.createdAt = createdAt;
        }

        Webhook toWebhook() {
            List<String> ordered = events.stream()
                    .sorted(Comparator.comparingInt(
                            e -> EventType.fromWireName(e).map(Enum::ordinal).orElse(Integer.MAX_VALUE)))
                    .toList();
            return new Webhook(id, url, ordered, secrets, createdAt);
        }
    }
}
