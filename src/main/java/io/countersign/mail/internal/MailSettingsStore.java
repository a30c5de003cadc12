package io.countersign.mail.internal;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.ShareLock;
import io.countersign.shared.secrets.SealedSecrets;
import io.countersign.shared.secrets.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one row of mail settings. Passwords are encrypted here, on the way in, and decrypted on the
 * way out; each under its own context so that one cannot be copied into the other's column.
 */
@Repository
public class MailSettingsStore implements SealedSecrets {

    static final String SMTP_PASSWORD = "mail_settings:smtp_password";
    static final String IMAP_PASSWORD = "mail_settings:imap_password";

    private static final Logger log = LoggerFactory.getLogger(MailSettingsStore.class);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ShareLock shareLock;

    /** The stored password, by context, last found undecryptable and already warned about. */
    private final Map<String, Set<String>> unreadable = new ConcurrentHashMap<>();

    public MailSettingsStore(JdbcClient jdbc, SecretCipher cipher, ShareLock shareLock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.shareLock = shareLock;
    }

    /**
     * The saved settings; {@code instanceName} is null when the configured one applies, and {@code
     * imap} is null when no IMAP server is saved. Empty until an administrator first saves them.
     */
    public Optional<MailSettings> load() {
        return jdbc.sql("select * from mail_settings where id = 1")
                .query((rs, row) -> read(rs))
                .optional();
    }

    /** Whether an administrator has saved settings, which always name an SMTP server. */
    public boolean saved() {
        return jdbc.sql("select count(*) from mail_settings where id = 1")
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Whether Approve by Mail is on, read under a shared lock of the row until the caller's transaction
     * ends: a save, which locks the row for update, waits for it; false while nothing is saved.
     */
    public boolean approveByMailHeld() {
        return jdbc.sql("select approve_by_mail from mail_settings where id = 1 " + shareLock.clause())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Takes the row lock that serialises concurrent saves; false while nothing is saved. */
    public boolean lock() {
        return jdbc.sql("select id from mail_settings where id = 1 for update")
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    public void save(MailSettings settings, String updatedBy, Instant now) {
        List<Object> values = values(settings, updatedBy, now);
        if (update(values) == 0) {
            try {
                insert(values);
            } catch (DuplicateKeyException e) {
                // another administrator saved the first settings at the same moment: the last one wins
                update(values);
            }
        }
    }

    private List<Object> values(MailSettings settings, String updatedBy, Instant now) {
        MailSettings.Smtp smtp = settings.smtp();
        MailSettings.Imap imap = settings.imap();
        List<Object> values = new ArrayList<>(Arrays.asList(
                smtp.host(),
                smtp.port(),
                smtp.security().name(),
                smtp.username(),
                seal(smtp.password(), SMTP_PASSWORD),
                smtp.from(),
                smtp.trustedCertificate(),
                imap == null ? null : imap.host(),
                imap == null ? MailSettingsRules.DEFAULT_IMAP_PORT : imap.port(),
                imap == null ? MailSecurity.TLS.name() : imap.security().name(),
                imap == null ? null : imap.username(),
                imap == null ? null : seal(imap.password(), IMAP_PASSWORD),
                imap == null ? MailSettingsRules.DEFAULT_FOLDER : imap.folder(),
                imap == null ? null : imap.trustedCertificate(),
                settings.approveByMail(),
                String.join(",", settings.approveKeywords()),
                settings.instanceName(),
                updatedBy,
                Timestamps.toDb(now)));
        return values;
    }

    private int update(List<Object> values) {
        return jdbc.sql("""
                        update mail_settings set smtp_host = ?, smtp_port = ?, smtp_security = ?, smtp_username = ?,
                          smtp_password = ?, smtp_from = ?, smtp_trusted_certificate = ?, imap_host = ?, imap_port = ?,
                          imap_security = ?, imap_username = ?, imap_password = ?, imap_folder = ?,
                          imap_trusted_certificate = ?, approve_by_mail = ?, approve_keywords = ?, instance_name = ?,
                          updated_by = ?, updated_at = ?
                        where id = 1""").params(values).update();
    }

    private void insert(List<Object> values) {
        jdbc.sql("""
                        insert into mail_settings (smtp_host, smtp_port, smtp_security, smtp_username, smtp_password,
                          smtp_from, smtp_trusted_certificate, imap_host, imap_port, imap_security, imap_username,
                          imap_password, imap_folder, imap_trusted_certificate, approve_by_mail, approve_keywords,
                          instance_name, updated_by, updated_at, id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""").params(values).update();
    }

    @Override
    public String kind() {
        return "mail password";
    }

    @Override
    public List<Sealed> sealedSecrets() {
        List<Sealed> sealed = new ArrayList<>();
        jdbc.sql("select smtp_password, imap_password from mail_settings").query(rs -> {
            if (rs.getString("smtp_password") != null) {
                sealed.add(new Sealed(SMTP_PASSWORD, rs.getString("smtp_password")));
            }
            if (rs.getString("imap_password") != null) {
                sealed.add(new Sealed(IMAP_PASSWORD, rs.getString("imap_password")));
            }
        });
        return sealed;
    }

    private MailSettings read(ResultSet rs) throws SQLException {
        var smtp = new MailSettings.Smtp(
                rs.getString("smtp_host"),
                rs.getInt("smtp_port"),
                MailSecurity.valueOf(rs.getString("smtp_security")),
                rs.getString("smtp_username"),
                open(rs.getString("smtp_password"), SMTP_PASSWORD),
                rs.getString("smtp_from"),
                rs.getString("smtp_trusted_certificate"));
        MailSettings.Imap imap = null;
        if (rs.getString("imap_host") != null) {
            imap = new MailSettings.Imap(
                    rs.getString("imap_host"),
                    rs.getInt("imap_port"),
                    MailSecurity.valueOf(rs.getString("imap_security")),
                    rs.getString("imap_username"),
                    open(rs.getString("imap_password"), IMAP_PASSWORD),
                    rs.getString("imap_folder"),
                    rs.getString("imap_trusted_certificate"));
        }
        String keywords = rs.getString("approve_keywords");
        return new MailSettings(
                smtp,
                imap,
                rs.getBoolean("approve_by_mail"),
                keywords.isEmpty() ? List.of() : List.of(keywords.split(",")),
                rs.getString("instance_name"));
    }

    private String seal(String password, String context) {
        return password == null ? null : cipher.encrypt(password, context);
    }

    /**
     * A password sealed with another key (instances started with different keys) reads as none: the
     * settings stay readable and savable, so an administrator can enter it again, and the health
     * component {@code secrets} reports it. The settings are read every few seconds (the reply watcher),
     * so the warning is logged once per stored password, again only once it was readable in between: a
     * reader that read the row just before it changed does not warn again of what was already warned of.
     */
    private String open(String stored, String context) {
        if (stored == null) {
            unreadable.remove(context);
            return null;
        }
        try {
            String password = cipher.decrypt(stored, context);
            unreadable.remove(context);
            return password;
        } catch (SecretCipher.UndecryptableSecretException e) {
            if (unreadable
                    .computeIfAbsent(context, warned -> ConcurrentHashMap.newKeySet())
                    .add(stored)) {
                log.warn("The stored {} cannot be decrypted with this instance's key: {}", context, e.getMessage());
            }
            return null;
        }
    }
}
