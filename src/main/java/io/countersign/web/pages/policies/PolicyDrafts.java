package io.countersign.web.pages.policies;

import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.policy.PolicyExplanation;
import io.countersign.shared.Actor;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import io.countersign.web.pages.FormText;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks and previews a draft through the policy service itself. The preview stores the draft in a
 * transaction that is always rolled back and asks the same explain the API answers, so the review
 * shows exactly what saving would do, and nothing is saved.
 */
@Component
class PolicyDrafts {

    private final Policies policies;
    private final TransactionTemplate transactions;

    PolicyDrafts(Policies policies, TransactionTemplate transactions) {
        this.policies = policies;
        this.transactions = transactions;
    }

    /**
     * Every issue of the draft: the editor's own reading problems together with the policy's
     * validation, so that one submit shows them all.
     */
    List<FieldIssue> issues(DraftIssues reading, PolicyDefinition draft) {
        List<FieldIssue> all = new ArrayList<>(reading.issues);
        policies.check(List.of(draft), "").stream()
                .filter(issue -> all.stream().noneMatch(seen -> seen.field().equals(FieldErrors.local(issue.field()))))
                .forEach(all::add);
        return all;
    }

    /**
     * The explanation of the sample request as if the draft were saved, or null without a sample.
     *
     * @throws InvalidInputException with every issue of the draft, as saving would
     */
    PolicyExplanation preview(Actor actor, PolicyDefinition draft, String requester, String resource, String account) {
        return transactions.execute(tx -> {
            tx.setRollbackOnly();
            policies.upsertAll(actor, List.of(draft), "");
            if (FormText.blank(resource) && FormText.blank(account)) {
                return null;
            }
            return policies.explain(actor, FormText.blank(requester) ? null : requester, resource, account);
        });
    }
}
