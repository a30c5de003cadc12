package io.countersign.web.api;

import io.countersign.shared.Revision;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

/**
 * {@code ETag} and {@code If-Match} for the configuration objects (users, groups, resources,
 * policies, webhooks), whose rows carry a version. A write with If-Match runs in one transaction that
 * first locks the row and compares its revision, so of two administrators who read the same version
 * only the first write succeeds and the second gets 412. Without If-Match a write behaves as it always
 * has (last write wins).
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
            check(lookup, key, ifMatch);
            T body = write.get();
            // locked: the tag answered is the one of the body written, not of a later change
            return withTag(answer.apply(body), lookup.revision(key, true)).body(body);
        });
    }

    void delete(Lookup lookup, String key, String ifMatch, Runnable delete) {
        transactions.executeWithoutResult(tx -> {
            check(lookup, key, ifMatch);
            delete.run();
        });
    }

    private static void check(Lookup lookup, String key, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        // an object that no longer exists matches no tag, not even "*" (RFC 9110, 13.1.1)
        if (!lookup.revision(key, true).map(current -> current.matches(ifMatch)).orElse(false)) {
            throw new StaleVersion();
        }
    }

    private static ResponseEntity.BodyBuilder withTag(ResponseEntity.BodyBuilder builder, Optional<Revision> revision) {
        revision.ifPresent(current -> builder.eTag(current.etag()));
        return builder;
    }
}
