package io.countersign.shared.database;

import org.springframework.stereotype.Component;

/**
 * The clause that locks a row against change while others may lock it the same way: {@code for
 * share} on PostgreSQL. Requests, decisions and extensions lock the rows they rest on (the resource,
 * the requester) only so that a deletion or an offboarding, which update those rows, wait for them
 * or are seen by them (docs/adr/0008); they need not wait for each other. H2 has no shared row lock,
 * so there it is {@code for update}.
 */
@Component
public class ShareLock {

    private final DatabaseProduct product;

    ShareLock(DatabaseProduct product) {
        this.product = product;
    }

    /** {@code for share} or {@code for update}, to follow a {@code select}. */
    public String clause() {
        return product.postgres() ? "for share" : "for update";
    }

    /**
     * A lock that waits for and holds off every other lock of the rows but a foreign key's ({@code for
     * no key update} on PostgreSQL, {@code for update} on H2), to follow a {@code select}.
     */
    public String aloneClause() {
        return product.postgres() ? "for no key update" : "for update";
    }
}
