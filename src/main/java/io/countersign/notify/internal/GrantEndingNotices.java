package io.countersign.notify.internal;

import io.countersign.grant.Grant;
import io.countersign.grant.GrantStatus;
import io.countersign.grant.Grants;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.internal.NotificationOutbox.About;
import io.countersign.notify.internal.NotificationOutbox.Recipient;
import io.countersign.shared.Actor;
import io.countersign.shared.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Tells a holder that their access ends soon, when the task scheduled for it fires. The grant is read
 * again first: one revoked or already ended meanwhile gets no notice, and one whose end moved gets
 * its notice rescheduled for the new end.
 */
@Component
public class GrantEndingNotices {

    private final Grants grants;
    private final NotificationOutbox outbox;
    private final GrantEndingSchedule schedule;

    GrantEndingNotices(Grants grants, NotificationOutbox outbox, @Lazy GrantEndingSchedule schedule) {
        this.grants = grants;
        this.outbox = outbox;
        this.schedule = schedule;
    }

    /** Runs the task instance {@code <grant id>@<end>}; returns how many deliveries were queued. */
    public int fire(String instanceId) {
        Grant grant;
        try {
            grant = grants.get(Actor.system(), GrantEndingTask.grantIdOf(instanceId));
        } catch (NotFoundException gone) {
            return 0;
        }
        if (grant.status() != GrantStatus.ACTIVE || grant.holderId() == null) {
            return 0;
        }
        Instant scheduledEnd = GrantEndingTask.endOf(instanceId);
        if (!grant.endsAt().equals(scheduledEnd)) {
            schedule.schedule(grant.id(), grant.startsAt(), grant.endsAt());
            return 0;
        }
        return outbox.notify(
                NotificationKind.GRANT_ENDING,
                List.of(new Recipient(grant.holderId(), grant.user())),
                new About(grant.requestId(), grant.id(), null),
                NotificationOutbox.data(
                        "endsAt", grant.endsAt(), "resource", grant.resource(), "account", grant.account()));
    }
}
