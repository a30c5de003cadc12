package io.countersign.mail.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.notify.NotificationDeliveries;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationRoutes;
import io.countersign.request.AccessRequest;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.Requests;
import io.countersign.shared.Channel;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mails a reply code to the approvers who were asked without one. An approval mail sent while
 * approving by mail is off shows no code, and a step decided only by mail then has no way left to be
 * decided: once approving by mail is switched on, each approver still asked to decide an open step
 * that takes decisions by mail, whose every mail about it lacked a code, is mailed again. Each such
 * mail is queued once, by whichever instance saves the switch first, so a switch turned off and on
 * again, or two instances, send no second copy; only a mail that itself left while approving by mail
 * was off again is followed by another.
 */
@Component
public class ReplyCodeResends {

    private record Asked(String requestId, int step, String approverId, int mails) {}

    private record OpenStep(String requestId, int step) {}

    private final JdbcClient jdbc;
    private final Requests requests;
    private final Directory directory;
    private final NotificationDeliveries deliveries;

    ReplyCodeResends(JdbcClient jdbc, Requests requests, Directory directory, NotificationDeliveries deliveries) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.directory = directory;
        this.deliveries = deliveries;
    }

    /**
     * Queues the approval mails with a reply code, in the transaction that switches approving by mail
     * on, so that they leave only if it commits; returns how many approvers are mailed again. The
     * sender checks again as each mail leaves that its approver may still decide the step.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int queue(Instant now) {
        Map<OpenStep, List<NotificationRoutes.Person>> due = new LinkedHashMap<>();
        for (Asked asked : askedWithoutCode()) {
            AccessRequest request = requests.find(asked.requestId()).orElse(null);
            if (request == null
                    || request.status() != RequestStatus.PENDING
                    || request.currentStep() != asked.step()
                    || !request.steps().get(asked.step()).allowsDecisionFrom(Channel.EMAIL.name())) {
                continue;
            }
            User approver = directory.findUserById(asked.approverId()).orElse(null);
            if (approver != null && claim(asked, now)) {
                due.computeIfAbsent(new OpenStep(asked.requestId(), asked.step()), key -> new ArrayList<>())
                        .add(new NotificationRoutes.Person(asked.approverId(), approver.username()));
            }
        }
        int queued = 0;
        for (var entry : due.entrySet()) {
            AccessRequest request = requests.find(entry.getKey().requestId()).orElseThrow();
            RequestStep step = request.steps().get(entry.getKey().step());
            Map<String, Object> data = new LinkedHashMap<>();
            if (step.name() != null) {
                data.put("stepName", step.name());
            }
            data.put("requiredApprovals", step.requiredApprovals());
            if (step.deadline() != null) {
                data.put("deadline", step.deadline().toString());
            }
            Instant decideBy = step.decideBy(request.details().expiresAt());
            if (decideBy != null) {
                data.put("decideBy", decideBy.toString());
            }
            queued += deliveries.tellAgain(
                    Channel.EMAIL.name(),
                    NotificationKind.STEP_OPENED,
                    request.id(),
                    request.details().extendsGrant(),
                    entry.getKey().step(),
                    entry.getValue(),
                    data);
        }
        return queued;
    }

    /** Approvers of a pending request's current step whose every mail about it left without a code. */
    private List<Asked> askedWithoutCode() {
        return jdbc.sql("""
                        select n.request_id, n.step, n.approver_id, count(*)
                        from access_requests r
                        join mail_notifications n on n.request_id = r.id and n.step = r.current_step
                        where r.status = 'PENDING' and n.reply_code = false
                          and not exists (
                            select 1 from mail_notifications shown
                            where shown.request_id = n.request_id and shown.step = n.step
                              and shown.approver_id = n.approver_id and coalesce(shown.reply_code, true))
                          and not exists (
                            select 1 from mail_reply_code_resends resent
                            where resent.request_id = n.request_id and resent.step = n.step
                              and resent.approver_id = n.approver_id and resent.mails >= (
                                select count(*) from mail_notifications sent
                                where sent.request_id = n.request_id and sent.step = n.step
                                  and sent.approver_id = n.approver_id))
                        group by n.request_id, n.step, n.approver_id""")
                .query((rs, row) -> new Asked(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /**
     * Whether this transaction is the first to queue the approver's mail since they were sent {@code
     * mails} without a code; another's insert waits for it.
     */
    private boolean claim(Asked asked, Instant now) {
        return jdbc.sql("""
                        insert into mail_reply_code_resends (request_id, step, approver_id, mails, queued_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(
                                asked.requestId(),
                                asked.step(),
                                asked.approverId(),
                                asked.mails(),
                                Timestamps.toDb(now))
                        .update()
                > 0;
    }
}
