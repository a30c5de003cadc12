package io.countersign.audit;

import java.time.Instant;

/** Copies an audit record with some fields changed, for tests that forge or damage events. */
final class RecordBuilder {

    private long id;
    private Instant occurredAt;
    private String actor;
    private String actorRole;
    private String channel;
    private String sourceAddress;
    private String action;
    private String target;
    private String requestId;
    private String grantId;
    private String note;
    private String justification;
    private String ticket;
    private String comment;
    private String reason;
    private int hashVersion;
    private String previousHash;
    private String hash;

    static RecordBuilder from(AuditRecord e) {
        RecordBuilder b = new RecordBuilder();
        b.id = e.id();
        b.occurredAt = e.occurredAt();
        b.actor = e.actor();
        b.actorRole = e.actorRole();
        b.channel = e.channel();
        b.sourceAddress = e.sourceAddress();
        b.action = e.action();
        b.target = e.target();
        b.requestId = e.requestId();
        b.grantId = e.grantId();
        b.note = e.note();
        b.justification = e.justification();
        b.ticket = e.ticket();
        b.comment = e.comment();
        b.reason = e.reason();
        b.hashVersion = e.hashVersion();
        b.previousHash = e.previousHash();
        b.hash = e.hash();
        return b;
    }

    RecordBuilder id(long value) {
        this.id = value;
        return this;
    }

    RecordBuilder occurredAt(Instant value) {
        this.occurredAt = value;
        return this;
    }

    RecordBuilder actor(String value) {
        this.actor = value;
        return this;
    }

    RecordBuilder actorRole(String value) {
        this.actorRole = value;
        return this;
    }

    RecordBuilder channel(String value) {
        this.channel = value;
        return this;
    }

    RecordBuilder sourceAddress(String value) {
        this.sourceAddress = value;
        return this;
    }

    RecordBuilder action(String value) {
        this.action = value;
        return this;
    }

    RecordBuilder target(String value) {
        this.target = value;
        return this;
    }

    RecordBuilder requestId(String value) {
        this.requestId = value;
        return this;
    }

    RecordBuilder grantId(String value) {
        this.grantId = value;
        return this;
    }

    RecordBuilder note(String value) {
        this.note = value;
        return this;
    }

    RecordBuilder justification(String value) {
        this.justification = value;
        return this;
    }

    RecordBuilder ticket(String value) {
        this.ticket = value;
        return this;
    }

    RecordBuilder comment(String value) {
        this.comment = value;
        return this;
    }

    RecordBuilder reason(String value) {
        this.reason = value;
        return this;
    }

    RecordBuilder hashVersion(int value) {
        this.hashVersion = value;
        return this;
    }

    RecordBuilder previousHash(String value) {
        this.previousHash = value;
        return this;
    }

    RecordBuilder hash(String value) {
        this.hash = value;
        return this;
    }

    AuditRecord build() {
        return new AuditRecord(
                id,
                occurredAt,
                actor,
                actorRole,
                channel,
                sourceAddress,
                action,
                target,
                requestId,
                grantId,
                note,
                justification,
                ticket,
                comment,
                reason,
                hashVersion,
                previousHash,
                hash);
    }

    /** The record with its hash computed from its contents. */
    AuditRecord hashed() {
        AuditRecord built = build();
        return built.withHash(ChainHash.of(built));
    }
}
