package io.countersign.inventory;

import io.countersign.shared.Actor;
import java.util.Set;

/**
 * A resource lost accounts, by a replacement or an import: access to any account it no longer has
 * ends in the same transaction. Not audited itself: the change is audited as the replacement or the
 * import, and every grant and request it ends is audited on its own.
 *
 * @param accounts the accounts the resource keeps
 */
public record ResourceAccountsRemoved(Actor actor, String resource, Set<String> accounts) {

    public ResourceAccountsRemoved {
        accounts = Set.copyOf(accounts);
    }

    /** Published when {@code after} lacks an account {@code before} had, so that access to it ends. */
    static boolean removes(Resource before, Resource after) {
        return !after.accounts().containsAll(before.accounts());
    }
}
