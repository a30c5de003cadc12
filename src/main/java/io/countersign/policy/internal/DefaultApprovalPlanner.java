package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.inventory.Inventory;
import io.countersign.inventory.Resource;
import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.ApprovalPlanner;
import org.springframework.stereotype.Component;

/** Plans with the directory, the inventory and the current compiled policies. */
@Component
class DefaultApprovalPlanner implements ApprovalPlanner {

    private final PlanMaker planMaker;
    private final PolicyCatalog catalog;

    DefaultApprovalPlanner(Directory directory, Inventory inventory, PolicyCatalog catalog) {
        this.planMaker = new PlanMaker(directory, inventory);
        this.catalog = catalog;
    }

    @Override
    public ApprovalPlan plan(String requester, String resource, String account) {
        return planMaker.plan(requester, resource, account, catalog.current());
    }

    @Override
    public ApprovalPlan plan(String requester, Resource resource, String account) {
        return planMaker.plan(requester, resource, account, catalog.current());
    }

    @Override
    public ApprovalPlan planExtension(String requester, String resource, String account) {
        return planMaker.planExtension(requester, resource, account, catalog.current());
    }
}
