package io.countersign.mail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What an administrator saves. A password left out (null) keeps the stored one and an empty one
 * removes it; {@code passwordSet}, as the settings are read, may be sent back and is ignored.
 */
public record MailSettingsInput(
        Smtp smtp, Imap imap, Boolean approveByMail, List<String> approveKeywords, String instanceName) {

    @JsonIgnoreProperties("passwordSet")
    public record Smtp(
            String host,
            Integer port,
            MailSecurity security,
            String username,
            String password,
            String from,
            String trustedCertificate) {}

    @JsonIgnoreProperties("passwordSet")
    public record Imap(
            String host,
            Integer port,
            MailSecurity security,
            String username,
            String password,
            String folder,
            String trustedCertificate) {}
}
