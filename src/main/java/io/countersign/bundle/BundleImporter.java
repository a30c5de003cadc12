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
import io.countersign.shared.UnreadValues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a bundle all or nothing, in one transaction: every section is checked against the state the
 * import itself produces (users may name managers defined later, groups may name the bundle's users,
 * resources its groups, policies all of them), every issue of every section is reported at once with
 * its path, and nothing is written while any exists. Entries are created or replaced by name, so
 * importing the same bundle twice changes nothing the second time.
 */
@Service
public class BundleImporter {

    private final DirectoryImport directory;
    private final InventoryImport inventory;
    private final PolicySection policies;
    private final BundleExporter exporter;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final BundleReader reader;

    BundleImporter(
            DirectoryImport directory,
            InventoryImport inventory,
            PolicySection policies,
            BundleExporter exporter,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            JsonMapper json) {
        this.directory = directory;
        this.inventory = inventory;
        this.policies = policies;
        this.exporter = exporter;
        this.transactions = transactions;
        this.events = events;
        // the limits request bodies are parsed with, so that a bundle is held to the same ones
        this.reader = new BundleReader(json.tokenStreamFactory().streamReadConstraints());
    }

    /** Reads a bundle written in {@code format} and imports it. */
    public ImportSummary importBundle(Actor actor, byte[] body, BundleFormat format) {
        UnreadValues unread = new UnreadValues();
        Bundle bundle = reader.read(body, format, unread);
        return unread.refuseOr(transactions, () -> importBundle(actor, bundle));
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

    /** Reads a bundle written in {@code format} and answers what importing it would change. */
    public ImportPreview preview(Actor actor, byte[] body, BundleFormat format) {
        UnreadValues unread = new UnreadValues();
        Bundle bundle = reader.read(body, format, unread);
        return unread.refuseOr(transactions, () -> preview(actor, bundle));
    }

    /**
     * What importing the bundle would change, with nothing committed: the import runs exactly as it
     * would, with every check, and its transaction is rolled back after the configuration is
     * compared with what it was before (docs/adr/0024). A bundle the import would refuse is refused
     * here with the same problems.
     */
    public ImportPreview preview(Actor actor, Bundle bundle) {
        try {
            return transactions.execute(tx -> {
                tx.setRollbackOnly();
                Bundle before = exporter.snapshot();
                apply(actor, bundle);
                return ImportPreview.between(before, exporter.snapshot(), bundle);
            });
        } catch (DataIntegrityViolationException raced) {
            throw new ConflictException(
                    "The directory or inventory changed while the bundle was checked; nothing was written. Send it again.");
        }
    }

    private ImportSummary apply(Actor actor, Bundle bundle) {
        // the resources it replaces first: locks go resource, user, request (docs/adr/0008)
        inventory.lock(bundle.resources());
        Problems problems = new Problems();
        DirectoryPlan directoryPlan = directory.prepare(
                bundle.levels(), bundle.users(), bundle.groups(), policies.replaced(bundle.policies()), problems);
        InventoryPlan inventoryPlan = inventory.prepare(bundle.resources(), directoryPlan, problems);
        // against the directory as the sections above leave it: policies may name what they create
        policies.check(bundle.policies(), directoryPlan, problems);
        problems.throwIfAny();

        DirectoryImported directoryDone = directory.apply(actor, directoryPlan);
        Upserted resourcesDone = inventory.apply(actor, inventoryPlan);
        // policies last: the policy module checks them again against what is now written
        Upserted policiesDone = policies.apply(actor, bundle.policies());
        ImportSummary summary = new ImportSummary(
                directoryDone.levels(),
                directoryDone.users(),
                directoryDone.groups(),
                resourcesDone,
                policiesDone,
                directoryDone.usersDeactivated());
        events.publishEvent(new BundleImported(actor, summary));
        return summary;
    }
}
