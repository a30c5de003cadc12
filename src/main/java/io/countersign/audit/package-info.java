/**
 * The append-only, hash-chained audit log: every {@link io.countersign.shared.AuditableEvent} is
 * written in the transaction of the change it records, can be queried, and the chain can be
 * verified. Other modules read it through {@link io.countersign.audit.AuditLog}; nothing else here
 * is for them.
 */
package io.countersign.audit;
