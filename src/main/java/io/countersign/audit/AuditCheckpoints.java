package io.countersign.audit;

import io.countersign.shared.Problems;
import io.countersign.shared.WholeNumbers;
import io.countersign.shared.secrets.SecretCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints of the chain head. Each one states, under the service's Ed25519 key, that at a
 * given time event number {@code events} carried {@code headHash}; kept outside the database, it
 * reveals a later deletion of the newest events together with a rewound head, which the chain
 * alone cannot show. The service signs a head only when the chain still reaches the previous
 * checkpoint and is intact from there, so it never vouches for a truncated or rewritten log.
 */
@Service
public class AuditCheckpoints {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final AuditRows rows;
    private final ChainReader reader;
    private final CheckpointRows checkpoints;
    private final CheckpointSigner signer;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Counter refused;

    AuditCheckpoints(
            AuditRows rows,
            ChainReader reader,
            CheckpointRows checkpoints,
            CheckpointSigner signer,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions,
            MeterRegistry meters) {
        this.rows = rows;
        this.reader = reader;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.refused = Counter.builder("countersign.audit.checkpoints.refused")
                .description("Checkpoints not signed because the chain no longer extends the last one or the"
                        + " signing key cannot be decrypted")
                .register(meters);
    }

    /**
     * Signs the current head and stores and publishes the checkpoint ({@link AuditCheckpointed}).
     * Records nothing when the head has not moved since the last checkpoint, or moved only by events
     * that report a checkpoint's own webhook delivery dying ({@link CheckpointEcho}): signing those
     * would be delivered, die and be reported again, one checkpoint per interval for ever on an
     * otherwise idle system. They are signed with the next event that is activity. Nothing, with an
     * error in the log and the {@code countersign.audit.checkpoints.refused} counter, when the chain
     * no longer extends the last checkpoint (checkpoints then stop until the log is repaired) or when
     * this instance's encryption key cannot decrypt the stored signing key.
     */
    public Optional<AuditCheckpoint> record() {
        CheckpointKey key;
        try {
            key = signer.publicKey(); // generated, if need be, before our transaction starts
        } catch (SecretCipher.UndecryptableSecretException e) {
            // the state an encryption key rotation leaves until its step 4: a refusal to alert on,
            // not a task failure for the scheduler to warn about and retry
            log.error(
                    "Not signing an audit checkpoint: the stored audit signing key cannot be decrypted with this"
                            + " instance's encryption key ({}). After rotating the encryption key, delete the old"
                            + " signing key (docs/runbooks/rotating-secrets.md, step 4); otherwise start this"
                            + " instance with the key the other instances use.",
                    e.getMessage());
            refused.increment();
            return Optional.empty();
        }
        try {
            return transaction.execute(status -> recordAfterLast(key));
        } catch (DuplicateKeyException concurrent) {
            // Another instance recorded the checkpoint with the same number first. The scheduler runs
            // one at a time; the primary key keeps it so without needing a lock (and so without the
            // UPDATE privilege that a lock would need on these append-only tables).
            return Optional.empty();
        }
    }

    private Optional<AuditCheckpoint> recordAfterLast(CheckpointKey key) {
        Optional<AuditCheckpoint> last = checkpoints.newest();
        ChainVerification verdict = last.map(this::sinceCheckpoint).orElseGet(() -> reader.walkToHead(new ChainWalk()));
        if (!verdict.valid()) {
            refuse(last, verdict);
            return Optional.empty();
        }
        long signed = last.map(AuditCheckpoint::events).orElse(0L);
        if (verdict.events() == signed || !rows.anyActivity(signed, verdict.events())) {
            return Optional.empty();
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String signature = signer.sign(CheckpointStatement.of(at, verdict.events(), verdict.headHash()));
        AuditCheckpoint checkpoint = new AuditCheckpoint(
                checkpoints.nextId(), at, verdict.events(), verdict.headHash(), key.keyId(), signature);
        checkpoints.insert(checkpoint);
        events.publishEvent(new AuditCheckpointed(checkpoint, key));
        return Optional.of(checkpoint);
    }

    /**
     * Logs why the chain no longer extends {@code last}. The check since it stops at the last
     * checkpoint; a walk of the whole chain against every checkpoint names the earliest one the chain
     * contradicts, which narrows where it was changed. Its cost is paid only on a refusal.
     */
    private void refuse(Optional<AuditCheckpoint> last, ChainVerification sinceLast) {
        ChainVerification whole = reader.walkAgainstCheckpoints(new ChainWalk());
        ChainVerification verdict = whole.valid() ? sinceLast : whole;
        if (verdict.checkpoint() != null) {
            log.error(
                    "Not signing an audit checkpoint: the chain no longer contains the checkpoint {}/{} ({}), the"
                            + " earliest one it contradicts; events from {} on, after the last checkpoint that still"
                            + " holds, may have been rewritten or deleted. Verify the chain against the checkpoints kept"
                            + " outside the database.",
                    verdict.checkpoint().events(),
                    verdict.checkpoint().headHash(),
                    verdict.reason().code(),
                    verdict.firstBrokenEventId());
        } else {
            log.error(
                    "Not signing an audit checkpoint: the chain does not extend the last checkpoint ({}), it breaks"
                            + " at event {} ({}). Verify it against the checkpoints kept outside the database.",
                    last.map(c -> c.events() + "/" + c.headHash()).orElse("none"),
                    verdict.firstBrokenEventId(),
                    verdict.reason().code());
        }
        refused.increment();
    }

    /** Checks the event the last checkpoint names, then walks only the events after it. */
    private ChainVerification sinceCheckpoint(AuditCheckpoint last) {
        List<AuditRecord> named = rows.chainSlice(last.events() - 1, last.events(), 1);
        String headHash = rows.head().lastHash();
        if (named.isEmpty()) {
            return ChainVerification.brokenAt(last.events(), ChainBreak.CHECKPOINT_MISSING, headHash)
                    .contradicting(last.anchor());
        }
        AuditRecord event = named.get(0);
        if (!ChainHash.matches(event) || !event.hash().equals(last.headHash())) {
            return ChainVerification.brokenAt(last.events(), ChainBreak.CHECKPOINT_MISMATCH, headHash)
                    .contradicting(last.anchor());
        }
        return reader.walkToHead(ChainWalk.after(last.events(), last.headHash()));
    }

    /**
     * One page of checkpoints, newest first. {@code cursor} is the previous page's {@code nextCursor};
     * {@code limit} is 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when blank.
     *
     * @throws io.countersign.shared.InvalidInputException naming every malformed parameter
     */
    @Transactional(readOnly = true)
    public CheckpointPage list(String cursor, String limit) {
        Problems problems = new Problems();
        Long beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            OptionalLong decoded = AuditCursor.decode(AuditCursor.CHECKPOINTS, cursor.trim());
            problems.check(
                    decoded.isPresent(),
                    "cursor",
                    "invalid_cursor",
                    "is not a cursor this service returned; start again without it");
            beforeId = decoded.isPresent() ? decoded.getAsLong() : null;
        }
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            OptionalInt read = WholeNumbers.parseInt(limit.trim());
            if (read.isPresent()) {
                size = read.getAsInt();
                problems.check(
                        size >= 1 && size <= MAX_LIMIT, "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
            } else {
                problems.add("limit", "invalid_value", "must be a whole number between 1 and " + MAX_LIMIT);
            }
        }
        problems.throwIfAny();
        List<AuditCheckpoint> found = checkpoints.newest(beforeId, size + 1);
        if (found.size() <= size) {
            return new CheckpointPage(found, null);
        }
        List<AuditCheckpoint> page = found.subList(0, size);
        return new CheckpointPage(
                page,
                AuditCursor.after(
                        AuditCursor.CHECKPOINTS, page.get(page.size() - 1).id()));
    }

    /** The public key that verifies every checkpoint's signature. */
    public CheckpointKey publicKey() {
        return signer.publicKey();
    }
}
