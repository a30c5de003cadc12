package io.countersign.bundle;

import io.countersign.directory.DirectoryImport;
import io.countersign.directory.DirectoryImported;
import io.countersign.directory.DirectoryPlan;
import io.countersign.directory.Upserted;
import io.countersign.inventory.InventoryImport;
import io.countersign.inventory.InventoryPlan;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a bundle all or nothing, in one transaction: every section is checked against the state the
 * import itself produces (users may name managers defined later, groups may name the bundle's users,
 * resources its groups), every issue is reported at once with its path, and nothing is written while
 * any exists. Entries are created or replaced by name, so importing the same bundle twice changes
 * nothing the second time.
 */
@Service
public class BundleImporter {

    private final DirectoryImport directory;
    private final InventoryImport inventory;
    private final PolicySection policies;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    BundleImporter(
            DirectoryImport directory,
            InventoryImport inventory,
            PolicySection policies,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.directory = directory;
        this.inventory = inventory;
        this.policies = policies;
        this.transactions = transactions;
        this.events = events;
    }

    /** Reads a bundle written in {@code format} and imports it. */
    public ImportSummary importBundle(Actor actor, byte[] body, BundleFormat format) {
        return importBundle(actor, BundleReader.read(body, format));
    }

    public ImportSummary importBundle(Actor actor, Bundle bundle) {
        try {
            return transactions.execute(tx -> apply(actor, bundle));
        } catch (DataIntegrityViolationException raced) {
            // the checks passed, so another writer changed the same entries between them and the writes
            throw new ConflictException(
                    "The directory or inventory changed while the bundle was imported; nothing was written. Send it again.");
        }
    }

    private ImportSummary apply(Actor actor, Bundle bundle) {
        Problems problems = new Problems();
        DirectoryPlan directoryPlan = directory.prepare(bundle.levels(), bundle.users(), bundle.groups(), problems);
        InventoryPlan inventoryPlan = inventory.prepare(bundle.resources(), directoryPlan, problems);
        policies.check(bundle.policies(), problems);
        problems.throwIfAny();

        DirectoryImported directoryDone = directory.apply(directoryPlan);
        Upserted resourcesDone = inventory.apply(inventoryPlan);
        // policies last: they are checked against users, groups and resources as the import leaves them
        Upserted policiesDone = policies.apply(actor, bundle.policies());
        ImportSummary summary = new ImportSummary(
                directoryDone.levels(), directoryDone.users(), directoryDone.groups(), resourcesDone, policiesDone);
        events.publishEvent(new BundleImported(actor, summary));
        return summary;
    }
}
