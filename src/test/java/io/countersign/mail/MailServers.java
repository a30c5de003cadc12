package io.countersign.mail;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Real SMTP, SMTPS and IMAPS servers (GreenMail) on free ports. The TLS servers present a
 * self-signed certificate for localhost and 127.0.0.1 ({@code mail/localhost.p12}, valid for a
 * century), which the settings trust through {@code trustedCertificate} ({@code mail/localhost.pem}).
 */
public final class MailServers {

    public static final String HOST = "127.0.0.1";
    public static final String MAILBOX = "approvals@example.com";
    public static final String LOGIN = "approvals";
    public static final String PASSWORD = "mailbox-secret-0123";
    public static final String NESTED_FOLDER = "PAM Workflow Approvals";

    static {
        // read by GreenMail when it starts a TLS server
        System.setProperty("greenmail.tls.keystore.file", resourcePath("/mail/localhost.p12"));
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
    }

    private MailServers() {}

    /** SMTP, SMTPS and IMAPS, started before and stopped after each test, with one mailbox user. */
    public static GreenMailExtension extension() {
        return new GreenMailExtension(patient(ServerSetup.dynamicPort(
                        new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS, ServerSetupTest.IMAPS})))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, LOGIN, PASSWORD));
    }

    /** The setups with time to start on a busy machine (GreenMail gives a server two seconds). */
    public static ServerSetup[] patient(ServerSetup... setups) {
        for (ServerSetup setup : setups) {
            setup.setServerStartupTimeout(30_000);
        }
        return setups;
    }

    /** The folder {@code INBOX/PAM Workflow Approvals}, in GreenMail's own hierarchy ("." between levels). */
    public static void createNestedFolder(GreenMailOperations mail) {
        try {
            var user = mail.getUserManager().getUserByEmail(MAILBOX);
            mail.getManagers().getImapHostManager().createMailbox(user, "INBOX" + '.' + NESTED_FOLDER);
        } catch (FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder made by {@link #createNestedFolder}, as GreenMail keeps it, to file into or count. */
    public static MailFolder nestedFolder(GreenMailOperations mail) throws FolderException {
        var user = mail.getUserManager().getUserByEmail(MAILBOX);
        return mail.getManagers().getImapHostManager().getFolder(user, "INBOX" + '.' + NESTED_FOLDER);
    }

    public static String certificate() {
        try (InputStream in = MailServers.class.getResourceAsStream("/mail/localhost.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MailSettingsInput.Smtp plainSmtp(GreenMailOperations mail) {
        return new MailSettingsInput.Smtp(
                HOST, mail.getSmtp().getPort(), MailSecurity.NONE, null, null, "countersign@example.com", null);
    }

    public static MailSettingsInput.Smtp tlsSmtp(GreenMailOperations mail) {
        return new MailSettingsInput.Smtp(
                HOST,
                mail.getSmtps().getPort(),
                MailSecurity.TLS,
                LOGIN,
                PASSWORD,
                "countersign@example.com",
                certificate());
    }

    public static MailSettingsInput.Imap imaps(GreenMailOperations mail, String password, String folder) {
        return new MailSettingsInput.Imap(
                HOST, mail.getImaps().getPort(), MailSecurity.TLS, LOGIN, password, folder, certificate());
    }

    private static String resourcePath(String resource) {
        try {
            return Path.of(MailServers.class.getResource(resource).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
