package io.countersign.shared.secrets;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Finds the AES key: the configured one, else a key file. Only the embedded database's default file is
 * generated when missing; a file the operator names must already exist.
 */
final class EncryptionKeySource {

    static final int KEY_BYTES = 32;
    static final String KEY_PROPERTY = "countersign.encryption-key";
    static final String KEY_FILE_PROPERTY = "countersign.encryption-key-file";
    private static final String HOW_TO_MAKE_ONE =
            "base64 of 32 random bytes, the same on every instance (head -c 32 /dev/urandom | base64)";
    private static final Logger log = LoggerFactory.getLogger(EncryptionKeySource.class);

    private EncryptionKeySource() {}

    /** Checks a configured key at startup so that a typo fails fast instead of at the first webhook. */
    static SecretKey configured(String base64) {
        try {
            return parse(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(
                    KEY_PROPERTY,
                    HiddenValueFailureAnalyzer.HIDDEN,
                    "COUNTERSIGN_ENCRYPTION_KEY " + e.getMessage() + ": set it to " + HOW_TO_MAKE_ONE + ".");
        }
    }

    /** Reads a key file that must exist: one the operator provides for every instance sharing the database. */
    static SecretKey existingFile(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw unusableFile(
                    file,
                    "The file " + path + " that COUNTERSIGN_ENCRYPTION_KEY_FILE names does not exist. A named"
                            + " key file is never generated, so that a mistyped path cannot replace the key"
                            + " that stored secrets need: correct the path, or create the file holding "
                            + HOW_TO_MAKE_ONE + ".");
        }
        if (!Files.isRegularFile(path)) {
            throw unusableFile(
                    file,
                    path + ", which COUNTERSIGN_ENCRYPTION_KEY_FILE names, is not a file: name the file holding "
                            + HOW_TO_MAKE_ONE + ".");
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (CharacterCodingException e) {
            throw unusableFile(file, keyInFile(path, "holds characters that are not ASCII (a byte order mark?)"));
        } catch (IOException e) {
            // the exception names the file and the operating system's reason, never the content
            throw unusableFile(
                    file,
                    "The file " + path + " that COUNTERSIGN_ENCRYPTION_KEY_FILE names cannot be read ("
                            + e.getClass().getSimpleName() + "): let the user the service runs as read it.");
        }
        try {
            return parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw unusableFile(file, keyInFile(path, e.getMessage()));
        }
    }

    private static String keyInFile(Path path, String problem) {
        return "The key in " + path + ", the file COUNTERSIGN_ENCRYPTION_KEY_FILE names, " + problem + ": it must hold "
                + HOW_TO_MAKE_ONE + ".";
    }

    private static InvalidConfigurationPropertyValueException unusableFile(Path file, String reason) {
        return new InvalidConfigurationPropertyValueException(KEY_FILE_PROPERTY, file, reason);
    }

    static SecretKey fromFile(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(path)) {
                generate(path);
            }
            SecretKey key = parseFile(path);
            log.info(
                    "Secrets are encrypted with the key in {}. Back it up with the database; instances that share"
                            + " one database must share the key (set COUNTERSIGN_ENCRYPTION_KEY).",
                    path);
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the encryption key file " + path, e);
        }
    }

    private static void generate(Path path) throws IOException {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            // the embedded database's directory too, when the key comes first: the service's user's only
            Files.createDirectories(
                    path.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(path.getParent());
        }
        try {
            if (posix) {
                Files.createFile(
                        path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // created by a concurrent start; use that one
        }
        Files.writeString(path, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        log.warn("Generated a new encryption key for stored secrets in {}", path);
    }

    private static SecretKey parseFile(Path path) throws IOException {
        try {
            return parse(Files.readString(path, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The encryption key in " + path + " " + e.getMessage());
        }
    }

    /**
     * Fails with the end of a sentence whose subject is the key, and never with the decoder's own
     * message, which would quote a character of it.
     */
    private static SecretKey parse(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "is base64 of " + bytes.length + " bytes where " + KEY_BYTES + " are needed");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
