package io.countersign.shared.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the directory of an embedded database to the service's user: the database holds password and
 * token hashes and encrypted secrets, and H2 would create the directory and its files as the umask
 * allows, readable by everyone under the usual one. A missing directory is created owner-only; the
 * default one ({@code ./data}), which is the service's own, is tightened when an older start left it
 * open to others; a directory the operator named may hold more than the database, so it is only warned
 * about. File systems without POSIX permissions are left as they are.
 */
final class EmbeddedDatabaseDirectory {

    static final Path DEFAULT = Path.of("./data");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseDirectory.class);

    private EmbeddedDatabaseDirectory() {}

    /** Secures the directory the URL names; {@code madeHere} tells whether the service's database made it. */
    static void secure(String url, Predicate<Path> madeHere) {
        directoryOf(url)
                .ifPresent(directory -> secure(directory, same(directory, DEFAULT) || madeHere.test(directory)));
    }

    static void secure(Path directory, boolean own) {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            if (OWNER_ONLY.containsAll(permissions)) {
                return;
            }
            if (own) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
                log.info(
                        "Restricted the embedded database's directory {} to its owner (was {})",
                        directory,
                        PosixFilePermissions.toString(permissions));
                return;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // H2 reports a directory it cannot use itself; this is about who else may read it
            log.debug("Could not check the embedded database's directory {}", directory, e);
        }
        log.warn(
                "The embedded database's directory {} can be read by other users of this host; it holds"
                        + " password and token hashes and encrypted secrets: chmod 700 it",
                directory.toAbsolutePath().normalize());
    }

    /** The directory a file database's URL names: ./data for jdbc:h2:file:./data/countersign;MODE=…. */
    static Optional<Path> directoryOf(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length());
        int settings = name.indexOf(';');
        name = settings < 0 ? name : name.substring(0, settings);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:") || lower.startsWith("async:")) {
            name = name.substring(name.indexOf(':') + 1);
        } else if (namesAFileSystem(name)) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip: and the other stores hold no directory of ours
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        Path parent = Path.of(name).getParent();
        return Optional.ofNullable(parent);
    }

    /** Whether an H2 database name starts with a file system or a protocol ({@code mem:}, {@code tcp:}, …). */
    static boolean namesAFileSystem(String name) {
        // two letters at least, so that a Windows drive (C:\data) reads as a path
        return name.matches("(?is)[a-z][a-z0-9]+:.*");
    }

    private static boolean same(Path one, Path other) {
        return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
    }
}
