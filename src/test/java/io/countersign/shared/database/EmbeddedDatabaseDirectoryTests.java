package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The embedded database's directory, which holds hashes and encrypted secrets, is its owner's only. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseDirectoryTests {

    @TempDir
    Path root;

    @Test
    void theDatabaseDirectoryIsCreatedForItsOwnerOnly() throws Exception {
        Path missing = root.resolve("missing");
        EmbeddedDatabaseDirectory.secure(missing, true);
        assertThat(permissions(missing)).isEqualTo("rwx------");
    }

    @Test
    void theDirectoryTheDatabaseCreatedIsItsOwnersOnlyOnceTheServiceStarted() throws Exception {
        Path data = root.resolve("data");
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:file:" + data.resolve("countersign") + ";MODE=PostgreSQL");
            EmbeddedDatabaseSettings settings = new EmbeddedDatabaseSettings();
            settings.postProcessAfterInitialization(pool, "dataSource");
            pool.getConnection().close();
            new EmbeddedDatabaseDirectoryCheck(List.of(pool), settings).onApplicationEvent(null);
        }

        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(data.resolve("countersign.mv.db")).exists();
    }

    @Test
    void theServicesOwnDirectoryLeftOpenByAnOlderStartIsTightened() throws Exception {
        Path data = Files.createDirectory(root.resolve("data"), open());

        EmbeddedDatabaseDirectory.secure(data, true);

        assertThat(permissions(data)).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryTheOperatorNamedIsLeftAsItIsWithAWarning(CapturedOutput output) throws Exception {
        Path shared = Files.createDirectory(root.resolve("shared"), open());

        EmbeddedDatabaseDirectory.secure(shared, false);

        assertThat(permissions(shared)).isEqualTo("rwxr-xr-x");
        assertThat(output.getOut()).contains("can be read by other users", "chmod 700");
    }

    @Test
    void onlyAFileDatabaseNamesADirectory() {
        assertThat(EmbeddedDatabaseDirectory.directoryOf("jdbc:h2:file:./data/countersign;MODE=PostgreSQL"))
                .contains(Path.of("./data"));
        assertThat(EmbeddedDatabaseDirectory.directoryOf("jdbc:h2:/srv/cs/db")).contains(Path.of("/srv/cs"));
        assertThat(EmbeddedDatabaseDirectory.directoryOf("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"))
                .isEmpty();
        assertThat(EmbeddedDatabaseDirectory.directoryOf("jdbc:h2:tcp://db/~/cs"))
                .isEmpty();
        assertThat(EmbeddedDatabaseDirectory.directoryOf("jdbc:postgresql://db/cs"))
                .isEmpty();
    }

    private static java.nio.file.attribute.FileAttribute<?> open() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String permissions(Path directory) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(directory));
    }
}
