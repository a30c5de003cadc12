package io.countersign.mail;

import io.countersign.mail.internal.InstanceProperties;
import io.countersign.mail.internal.MailSettingsRules;
import io.countersign.mail.internal.MailSettingsStore;
import io.countersign.mail.internal.ReplyCodeResends;
import io.countersign.notify.NotificationDeliveries;
import io.countersign.shared.Actor;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.database.DatabaseNotifications;
import io.countersign.shared.database.SharedCache;
import io.countersign.shared.database.SharedCaches;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mail settings an administrator keeps in the database. They are read afresh on every use, so
 * that a change applies at once on every instance.
 */
@Service
public class MailSettingsService {

    /** The notification channel mail is sent on. */
    public static final String MAIL_CHANNEL = "EMAIL";

    /** The database notification channel on which each save's commit is announced. */
    private static final String SAVED = "mail_settings";

    private final MailSettingsStore store;
    private final InstanceProperties instance;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final NotificationDeliveries deliveries;
    private final DatabaseNotifications notifications;
    private final ReplyCodeResends replyCodes;

    /**
     * Whether an SMTP server is saved, asked each time a notification is queued. Stale for the
     * milliseconds a change takes to reach the other instances, which is harmless (docs/adr/0027): a
     * mail queued as waiting is sent once the server is saved, and one queued as due waits after its
     * first attempt.
     */
    private final SharedCache<String, Boolean> serverSaved;

    MailSettingsService(
            MailSettingsStore store,
            InstanceProperties instance,
            Clock clock,
            ApplicationEventPublisher events,
            NotificationDeliveries deliveries,
            SharedCaches caches,
            DatabaseNotifications notifications,
            ReplyCodeResends replyCodes) {
        this.deliveries = deliveries;
        this.replyCodes = replyCodes;
        this.notifications = notifications;
        // the cache's changes announce each save: serverSaved.changed() is part of every one
        this.serverSaved = caches.create(SAVED, Duration.ofSeconds(10));
        this.store = store;
        this.instance = instance;
        this.clock = clock;
        this.events = events;
    }

    /** The settings with decrypted passwords; {@code smtp} is null until an administrator saves them. */
    @Transactional(readOnly = true)
    public MailSettings current() {
        return store.load()
                .map(saved -> new MailSettings(
                        saved.smtp(),
                        saved.imap(),
                        saved.approveByMail(),
                        saved.approveKeywords(),
                        Objects.requireNonNullElse(saved.instanceName(), instance.instanceName())))
                .orElseGet(() -> new MailSettings(null, null, false, List.of(), instance.instanceName()));
    }

    /**
     * The settings as {@link #current()} answers them, read with their row locked until the caller's
     * transaction ends: what a save that first compares the version its form was opened at reads, so
     * that no other save comes between the comparison and its own write.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public MailSettings held() {
        store.lock();
        return current();
    }

    /**
     * Whether a reply by mail may be applied, asked in the reply's own transaction. A save that switches
     * Approve by Mail off waits for the replies being applied, and no reply is applied after it, on
     * any instance, whether or not its reader has noticed the change yet.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean repliesMayDecide() {
        return store.approveByMailHeld();
    }

    /**
     * Calls {@code action} when a save of the settings on any instance sharing this one's PostgreSQL
     * database commits (this one's included), and whenever such news may have been missed (listening
     * started again). Does nothing on H2, which no other instance shares. Call while the application
     * starts; {@code action} runs on the thread that listens, so it must not wait.
     */
    public void whenSavedAnywhere(Runnable action) {
        notifications.listen(SAVED, payload -> action.run());
        notifications.onListening(action);
    }

    /** Whether an SMTP server is saved, so that mail can leave. */
    public boolean serverSaved() {
        return serverSaved.get("smtp", key -> store.saved());
    }

    @Transactional
    public MailSettings update(Actor actor, MailSettingsInput input) {
        return update(actor, input, List.of());
    }

    /**
     * Saves the settings unless the caller met {@code unread} issues reading them (a value left null in
     * {@code input} because it could not be read) or the rules find any: then refuses with all of them.
     */
    @Transactional
    public MailSettings update(Actor actor, MailSettingsInput input, List<FieldIssue> unread) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators configure mail.");
        }
        store.lock();
        MailSettings before = store.load().orElse(null);
        MailSettings next = MailSettingsRules.apply(input, before, unread);
        store.save(next, actor.username(), clock.instant());
        serverSaved.changed();
        // mail that waited for a server, or for this one to answer again, is tried now
        deliveries.resume(MAIL_CHANNEL);
        String summary = summary(before, next);
        if (next.approveByMail() && (before == null || !before.approveByMail())) {
            // approvers mailed while replies decided nothing have no reply code to answer with
            int mailed = replyCodes.queue(clock.instant());
            if (mailed > 0) {
                summary += "; approval mail with a reply code sent again to " + mailed
                        + (mailed == 1 ? " approver" : " approvers");
            }
        }
        events.publishEvent(new MailSettingsUpdated(actor, summary));
        return current();
    }

    /**
     * Every issue saving these settings would meet, found without saving anything; empty when they
     * would be saved. Lets a form that found problems of its own report the rest with them.
     */
    @Transactional(readOnly = true)
    public List<FieldIssue> problemsWith(MailSettingsInput input) {
        try {
            MailSettingsRules.apply(input, store.load().orElse(null));
            return List.of();
        } catch (InvalidInputException e) {
            return e.issues();
        }
    }

    /** Servers, switches and which passwords changed: enough for an auditor, never a password. */
    private static String summary(MailSettings before, MailSettings next) {
        MailSettings.Smtp smtp = next.smtp();
        StringBuilder note = new StringBuilder("smtp ")
                .append(smtp.host())
                .append(':')
                .append(smtp.port())
                .append(' ')
                .append(smtp.security())
                .append(" from ")
                .append(smtp.from());
        if (!Objects.equals(before == null ? null : before.smtp().password(), smtp.password())) {
            note.append(smtp.password() == null ? ", smtp password removed" : ", smtp password changed");
        }
        MailSettings.Imap imap = next.imap();
        if (imap == null) {
            note.append("; no imap");
        } else {
            note.append("; imap ")
                    .append(imap.host())
                    .append(':')
                    .append(imap.port())
                    .append(' ')
                    .append(imap.security())
                    .append(" folder ")
                    .append(imap.folder());
            MailSettings.Imap old = before == null ? null : before.imap();
            if (!Objects.equals(old == null ? null : old.password(), imap.password())) {
                note.append(imap.password() == null ? ", imap password removed" : ", imap password changed");
            }
        }
        note.append("; approve by mail ").append(next.approveByMail() ? "on" : "off");
        if (!next.approveKeywords().isEmpty()) {
            note.append(" (keywords ")
                    .append(String.join(", ", next.approveKeywords()))
                    .append(')');
        }
        return note.toString();
    }
}
