package io.countersign.notify;

import io.countersign.notify.internal.DeliveryStore;
import io.countersign.notify.internal.SecretContext;
import io.countersign.notify.internal.ServerPauses;
import io.countersign.notify.internal.WebhookStore;
import io.countersign.notify.internal.WebhookUrls;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.DistinctNames;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.HttpUrls;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.Revision;
import io.countersign.shared.ShortIds;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.secrets.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configures webhook endpoints. Secrets are encrypted before they are stored and are never returned;
 * two may be active at once so that a receiver can move to a new one without missing an event.
 */
@Service
public class Webhooks {

    public static final int MIN_SECRET_LENGTH = 16;
    public static final int MAX_SECRET_LENGTH = 256;
    public static final int MAX_ACTIVE_SECRETS = 2;

    private final WebhookStore store;
    private final DeliveryStore deliveries;
    private final SecretCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ServerPauses pauses;
    private final OutboundAddresses addresses;

    Webhooks(
            WebhookStore store,
            DeliveryStore deliveries,
            SecretCipher cipher,
            Clock clock,
            ApplicationEventPublisher events,
            ServerPauses pauses,
            OutboundAddresses addresses) {
        this.addresses = addresses;
        this.pauses = pauses;
        this.store = store;
        this.deliveries = deliveries;
        this.cipher = cipher;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Webhook create(Actor actor, WebhookInput input) {
        requireAdmin(actor);
        Problems problems = new Problems();
        HttpUrls.check(problems, input.url(), "url");
        addresses.check(problems, input.url(), "url");
        List<String> types = checkEvents(problems, input.events());
        checkSecret(problems, input.secret(), "secret");
        problems.throwIfAny();

        String id = ShortIds.next("wh");
        String url = input.url().trim();
        Instant now = clock.instant();
        store.insert(id, url, types, actor.username(), now);
        store.addSecret(id, 1, cipher.encrypt(input.secret(), SecretContext.of(id, 1)), now);
        events.publishEvent(new WebhookCreated(actor, id, WebhookUrls.redacted(url), types));
        events.publishEvent(new WebhookSecretAdded(actor, id, 1));
        return get(id);
    }

    @Transactional(readOnly = true)
    public List<Webhook> list() {
        return store.all();
    }

    /** One page of webhooks by id; the prefix filters on the URL. */
    @Transactional(readOnly = true)
    public NamePage<Webhook> page(NameQuery query) {
        return query.page(store.page(query), Webhook::id);
    }

    /** The stored revision of a webhook; {@code lock} holds the row until the transaction ends. */
    public Optional<Revision> revision(String id, boolean lock) {
        return store.revision(id, lock);
    }

    @Transactional(readOnly = true)
    public Webhook get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("webhook", id));
    }

    /**
     * Removes the endpoint with its secrets and every delivery, pending ones and dead letters included:
     * a delivery is read and redelivered through its webhook, and the audit note counts what went.
     */
    @Transactional
    public void delete(Actor actor, String id) {
        requireAdmin(actor);
        lock(id);
        String url = store.url(id).orElseThrow();
        DeliveryStore.Undelivered undelivered = deliveries.countUndelivered(id);
        deliveries.deleteForWebhook(id);
        store.delete(id);
        pauses.forget(Delivery.WEBHOOK, id);
        events.publishEvent(
                new WebhookDeleted(actor, id, WebhookUrls.redacted(url), undelivered.pending(), undelivered.dead()));
    }

    /** Adds a signing secret; refused while two are active (remove the old one first). */
    @Transactional
    public Webhook addSecret(Actor actor, String id, String secret) {
        requireAdmin(actor);
        lock(id);
        Problems problems = new Problems();
        checkSecret(problems, secret, "secret");
        problems.throwIfAny();
        if (store.secrets(id).size() >= MAX_ACTIVE_SECRETS) {
            throw new ConflictException("Webhook '" + id + "' already has " + MAX_ACTIVE_SECRETS
                    + " active secrets; remove the older one before adding another.");
        }
        int number = store.nextSecretNumber(id);
        store.addSecret(id, number, cipher.encrypt(secret, SecretContext.of(id, number)), clock.instant());
        events.publishEvent(new WebhookSecretAdded(actor, id, number));
        return get(id);
    }

    /** Retires a signing secret; the last one cannot go, since every event must be signed. */
    @Transactional
    public Webhook removeSecret(Actor actor, String id, int number) {
        requireAdmin(actor);
        lock(id);
        List<WebhookStore.StoredSecret> secrets = store.secrets(id);
        if (secrets.stream().noneMatch(s -> s.number() == number)) {
            throw new NotFoundException("secret", id + "/" + number);
        }
        if (secrets.size() == 1) {
            throw new ConflictException("Secret " + number + " is the only secret of webhook '" + id
                    + "'; add its replacement before removing it.");
        }
        store.removeSecret(id, number);
        events.publishEvent(new WebhookSecretRemoved(actor, id, number));
        return get(id);
    }

    private void lock(String id) {
        if (!store.lock(id)) {
            throw new NotFoundException("webhook", id);
        }
    }

    private static List<String> checkEvents(Problems problems, List<String> events) {
        if (events == null || events.isEmpty()) {
            problems.add("events", "required", "must name at least one event type");
            return List.of();
        }
        List<String> types = new ArrayList<>();
        DistinctNames distinct = new DistinctNames("events");
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (type == null || type.isBlank()) {
                problems.add("events[" + i + "]", "required", "must not be blank");
            } else if (EventType.fromWireName(type.trim()).isEmpty()) {
                problems.add(
                        "events[" + i + "]",
                        "unknown_event",
                        "is not an event type; use one of " + String.join(", ", EventType.wireNames()));
            } else if (distinct.first(problems, type.trim(), i)) {
                types.add(type.trim());
            }
        }
        return types;
    }

    private static void checkSecret(Problems problems, String secret, String field) {
        if (secret == null || secret.isBlank()) {
            problems.add(field, "required", "must not be blank");
            return;
        }
        problems.check(
                secret.length() >= MIN_SECRET_LENGTH,
                field,
                "too_short",
                "must be at least " + MIN_SECRET_LENGTH + " characters");
        problems.maxLength(secret, field, MAX_SECRET_LENGTH);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators configure webhooks.");
        }
    }
}
