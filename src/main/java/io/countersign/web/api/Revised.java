package io.countersign.web.api;

import io.countersign.shared.Revision;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

/**
 * {@code ETag}, {@code If-Match} and {@code If-None-Match} for the configuration objects (users, groups,
 * resources, policies, webhooks), whose rows carry a version. A write with If-Match runs in one
 * transaction that first locks the row and compares its revision, so of two administrators who read the
 * same version only the first write succeeds and the second gets 412; a write with If-None-Match is
 * checked in the same way ({@link IfNoneMatch}). Without either a write behaves as it always has (last
 * write wins).
 */
@Component
class Revised {

    /** Whether the operation reads {@code If-Match}: the mark of an operation whose object has versions. */
    static boolean takesIfMatch(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null && HttpHeaders.IF_MATCH.equalsIgnoreCase(header.value())) {
                return true;
            }
        }
        return false;
    }

    /** How a module reads the revision of one of its objects: a service's {@code revision(key, lock)}. */
    interface Lookup {
        Optional<Revision> revision(String key, boolean lock);
    }

    private final TransactionTemplate transactions;

    Revised(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /**
     * The revision is read before the object: a change in between then makes the tag older than the
     * body, so a write based on it fails with 412 instead of overwriting a change nobody saw.
     */
    <T> ResponseEntity<T> get(Lookup lookup, String key, Supplier<T> read) {
        Optional<Revision> revision = lookup.revision(key, false);
        T body = read.get();
        if (revision.isPresent() && IfNoneMatch.any(IfNoneMatch.sent())) {
            // "*" fails whenever the object exists (RFC 9110, 13.1.2); a listed tag is compared by Spring MVC
            return withTag(ResponseEntity.status(HttpStatus.NOT_MODIFIED), revision)
                    .build();
        }
        return withTag(ResponseEntity.ok(), revision).body(body);
    }

    <T> ResponseEntity<T> create(Lookup lookup, String location, Function<T, String> keyOf, Supplier<T> write) {
        return transactions.execute(tx -> {
            T body = write.get();
            String key = keyOf.apply(body);
            return withTag(ResponseEntity.created(URI.create(location + key)), lookup.revision(key, true))
                    .body(body);
        });
    }

    <T> ResponseEntity<T> replace(Lookup lookup, String key, String ifMatch, Supplier<T> write) {
        return change(lookup, key, ifMatch, write, body -> ResponseEntity.ok());
    }

    /**
     * An addition to the object (a webhook's signing secret) that moves its version as a replacement
     * does: 201 with the address of what was added, which {@code locationOf} reads from the answer.
     */
    <T> ResponseEntity<T> add(
            Lookup lookup, String key, String ifMatch, Function<T, String> locationOf, Supplier<T> write) {
        return change(lookup, key, ifMatch, write, body -> ResponseEntity.created(URI.create(locationOf.apply(body))));
    }

    private <T> ResponseEntity<T> change(
            Lookup lookup,
            String key,
            String ifMatch,
            Supplier<T> write,
            Function<T, ResponseEntity.BodyBuilder> answer) {
        return transactions.execute(tx -> {
            T body = checked(lookup, key, ifMatch, write);
            // locked: the tag answered is the one of the body written, not of a later change
            return withTag(answer.apply(body), lookup.revision(key, true)).body(body);
        });
    }

    void delete(Lookup lookup, String key, String ifMatch, Runnable delete) {
        transactions.executeWithoutResult(tx -> checked(lookup, key, ifMatch, () -> {
            delete.run();
            return null;
        }));
    }

    /**
     * Runs {@code write} if {@code ifMatch} and the call's {@code If-None-Match} hold, judged in that order
     * (RFC 9110, 13.2.2). On an object that does not exist the conditions are not judged: the write
     * answers 404 as it would without them (RFC 9110, 13.2.1), which is what the caller needs to hear,
     * rather than 412 saying the object changed. A write that gets past that met an object created
     * meanwhile, which no tag read before can name and {@code If-None-Match: *} rules out: it is undone
     * with 412.
     */
    private static <T> T checked(Lookup lookup, String key, String ifMatch, Supplier<T> write) {
        boolean matching = ifMatch != null && !ifMatch.isBlank();
        String ifNoneMatch = IfNoneMatch.sent();
        if (!matching && ifNoneMatch.isEmpty()) {
            return write.get();
        }
        Optional<Revision> current = lookup.revision(key, true);
        if (current.isPresent() && matching && !current.get().matches(ifMatch)) {
            throw new StaleVersion();
        }
        if (current.isPresent() && !ifNoneMatch.isEmpty() && IfNoneMatch.failsOn(ifNoneMatch, current.get())) {
            throw IfNoneMatch.refused();
        }
        T written = write.get();
        if (current.isEmpty() && (matching || IfNoneMatch.any(ifNoneMatch))) {
            throw new StaleVersion();
        }
        return written;
    }

    private static ResponseEntity.BodyBuilder withTag(ResponseEntity.BodyBuilder builder, Optional<Revision> revision) {
        revision.ifPresent(current -> builder.eTag(current.etag()));
        return builder;
    }
}
