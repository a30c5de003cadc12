package io.countersign.audit;

import java.time.Instant;

/** An event written in its change's transaction and not yet linked into the chain. */
record JournalEntry(long seq, Instant occurredAt, AuditDraft draft) {}
