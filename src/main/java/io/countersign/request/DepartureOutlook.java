package io.countersign.request;

import io.countersign.directory.UserAccessEnded;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What deactivating a user would do to pending requests, read now, for the page that asks before
 * doing it: their own requests end, and they are taken out of other people's, where a step left unable
 * to gather its approvals is escalated or rejected as {@link ApproverWithdrawal} would settle it.
 * Nothing is written: the requests are read together, settled in memory and dropped, so the page
 * costs a few queries however many requests the user stands in.
 */
@Component
public class DepartureOutlook {

    /**
     * {@code own}: their pending requests, which end. {@code approving}: other people's pending
     * requests they stand in as approver; of these, {@code rejected} would be rejected at once and
     * {@code escalated} escalated at once because the open step can no longer get its approvals.
     */
    public record Outlook(int own, int approving, int rejected, int escalated) {}

    private final JdbcClient jdbc;
    private final ApproverPlaces places;
    private final RequestRepository repository;
    private final Clock clock;

    DepartureOutlook(JdbcClient jdbc, ApproverPlaces places, RequestRepository repository, Clock clock) {
        this.jdbc = jdbc;
        this.places = places;
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Outlook of(String userId, String username) {
        int own = jdbc.sql("select count(*) from access_requests where status = 'PENDING' and requester_id = ?")
                .param(userId)
                .query(Integer.class)
                .single();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int approving = 0;
        int rejected = 0;
        int escalated = 0;
        for (AccessRequest request : repository.findAll(places.pendingWithPlacesOf(userId))) {
            if (userId.equals(request.details().requesterId())) {
                continue;
            }
            int step = request.currentStep();
            boolean wasEscalated =
                    !request.steps().isEmpty() && request.steps().get(step).escalated();
            if (!ApproverWithdrawal.withdraw(request, userId, username, UserAccessEnded.DEACTIVATED, now)) {
                continue;
            }
            approving++;
            if (request.status() == RequestStatus.REJECTED) {
                rejected++;
            } else if (!wasEscalated && request.steps().get(step).escalated()) {
                escalated++;
            }
        }
        return new Outlook(own, approving, rejected, escalated);
    }
}
