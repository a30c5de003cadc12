package io.countersign.grant;

import io.countersign.directory.UserAccessEnded;
import io.countersign.inventory.ResourceAccountsRemoved;
import io.countersign.inventory.ResourceDeleted;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Ends access when what it rests on goes away, in the transaction of that change, so that the very
 * next access check on any instance is refused: a user who leaves (deactivated or deleted), a
 * deleted resource, an account removed from its resource (by a replacement or an import). Active
 * and scheduled grants are revoked by the service with the reason. These run after the request
 * module's withdrawals and before the audit trail records the change itself, so that rows are
 * locked before the audit chain's head.
 */
@Component
class GrantWithdrawals {

    static final String RESOURCE_DELETED = "resource deleted";
    static final String ACCOUNT_REMOVED = "account removed";

    private final Grants grants;

    GrantWithdrawals(Grants grants) {
        this.grants = grants;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    void on(UserAccessEnded ended) {
        grants.revokeAll(ended.reason(), "holder_id = ?", ended.userId());
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    void on(ResourceDeleted deleted) {
        grants.revokeAll(
                RESOURCE_DELETED, "resource_name = ?", deleted.resource().name());
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    void on(ResourceAccountsRemoved removed) {
        List<String> accounts = List.copyOf(removed.accounts());
        if (accounts.isEmpty()) {
            grants.revokeAll(ACCOUNT_REMOVED, "resource_name = ?", removed.resource());
            return;
        }
        String kept = String.join(", ", accounts.stream().map(a -> "?").toList());
        Object[] params = new Object[accounts.size() + 1];
        params[0] = removed.resource();
        for (int i = 0; i < accounts.size(); i++) {
            params[i + 1] = accounts.get(i);
        }
        grants.revokeAll(ACCOUNT_REMOVED, "resource_name = ? and account_name not in (" + kept + ")", params);
    }
}
