package io.countersign.web.pages;

import io.countersign.shared.Revision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The version an edit form was opened at, as the API's {@code ETag}: the form carries it in a hidden
 * field and a save compares it with the stored one under a row lock, in the same transaction as the
 * write. Of two people editing the same object the second learns of the first's change instead of
 * silently overwriting it. A form that carries no version is refused: unlike an API client, which may
 * choose to write without {@code If-Match}, a form always has one, so a form without it is not one the
 * page drew. What is stored without a version (the levels, the mail settings) stands for one by a
 * digest of what its form shows.
 */
@Component
public class OpenedVersions {

    /** How a module reads the revision of one of its objects: a service's {@code revision(key, lock)}. */
    public interface Lookup {
        Optional<Revision> revision(String key, boolean lock);
    }

    private final TransactionTemplate transactions;

    OpenedVersions(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** The version to put in the form as it is opened; empty for an object that has none. */
    public static String of(Lookup lookup, String key) {
        return lookup.revision(key, false).map(Revision::etag).orElse("");
    }

    /** The version of something stored without one: a digest of the values its form shows. */
    public static String digest(List<String> shown) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // each value's length goes first, so that no two lists run together into the same text
            shown.forEach(value ->
                    sha.update((value == null ? "-" : value.length() + ":" + value).getBytes(StandardCharsets.UTF_8)));
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the runtime", e);
        }
    }

    /**
     * Runs {@code write} if the object is still at the version {@code opened} names.
     *
     * @throws FormWithoutVersion when the form names no version; nothing is written
     * @throws StaleForm when it changed (or was deleted and made again) since, or was deleted; nothing
     *     is written
     */
    public <T> T write(Lookup lookup, String key, String opened, String what, Supplier<T> write) {
        // compared exactly: a form holds one tag, never If-Match's "*" or a list
        return write(
                opened,
                version -> lookup.revision(key, true)
                        .map(stored -> stored.etag().equals(version))
                        .orElseThrow(() -> StaleForm.deleted(what)),
                what,
                write);
    }

    /**
     * Runs {@code write} if {@code current} says the version {@code opened} is still the stored one.
     *
     * @throws FormWithoutVersion when the form names no version; nothing is written
     * @throws StaleForm when it is not; nothing is written
     */
    public <T> T write(String opened, Predicate<String> current, String what, Supplier<T> write) {
        if (opened == null || opened.isBlank()) {
            throw new FormWithoutVersion(what);
        }
        return transactions.execute(tx -> {
            if (!current.test(opened.trim())) {
                throw StaleForm.changed(what);
            }
            return write.get();
        });
    }
}
