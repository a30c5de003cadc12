package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import io.countersign.testing.Api;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A mail password sealed with another instance's key is read every few seconds (the reply watcher
 * reads the settings), yet warned about once: again only when another one is stored, or after it was
 * readable for a while.
 */
@MailTest
@ExtendWith(OutputCaptureExtension.class)
class UndecryptableMailPasswordTests {

    private static final String CONTEXT = "mail_settings:smtp_password";
    private static final String WARNING = "The stored " + CONTEXT + " cannot be decrypted";

    private final SecretCipher otherInstance = new SecretCipher(new EncryptionProperties(
            Base64.getEncoder().encodeToString("another-instance-key-of-32-bytes".getBytes()), null));

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailSettingsService settings;

    @Test
    void aPasswordThatCannotBeDecryptedIsWarnedAboutOnceUntilItChanges(CapturedOutput output) {
        api.asAdmin()
                .put("/api/v1/settings/mail", Api.json(MailSettingsApiTests.full()))
                .expect(200);
        String sealedElsewhere = otherInstance.encrypt(MailSettingsApiTests.SMTP_PASSWORD, CONTEXT);

        storeSmtpPassword(sealedElsewhere);
        readThreeTimes();
        assertThat(warnings(output)).isEqualTo(1);

        storeSmtpPassword(otherInstance.encrypt("another password", CONTEXT));
        readThreeTimes();
        assertThat(warnings(output)).isEqualTo(2);

        api.asAdmin()
                .put("/api/v1/settings/mail", Api.json(MailSettingsApiTests.full()))
                .expect(200);
        readThreeTimes();
        storeSmtpPassword(sealedElsewhere);
        readThreeTimes();
        assertThat(warnings(output)).isEqualTo(3);
        assertThat(output.getAll()).doesNotContain(MailSettingsApiTests.SMTP_PASSWORD);

        api.asAdmin()
                .put("/api/v1/settings/mail", Api.json(MailSettingsApiTests.full()))
                .expect(200);
    }

    private void storeSmtpPassword(String sealed) {
        jdbc.sql("update mail_settings set smtp_password = ?").param(sealed).update();
    }

    private void readThreeTimes() {
        for (int read = 0; read < 3; read++) {
            settings.current();
        }
    }

    /**
     * The warnings logged while the test ran, on any thread: the reply watcher reads the settings too,
     * whenever it likes, and may be the first to read a password the test stored, and so the one to warn.
     * Each stored password is warned about once, whoever reads it.
     */
    private static long warnings(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains(WARNING)).count();
    }
}
