package io.countersign.mail.internal.inbound;

import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailServers;
import io.countersign.mail.MailSettings;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * A real IMAP server speaking TLS on a port of its own (GreenMail, IMAPS only), with the approvals
 * mailbox and its nested reply folder, and an independent IMAP client that files replies into it as
 * a Sieve rule would.
 */
final class TestMailbox implements AutoCloseable {

    static final String USER = "countersign";
    static final String PASSWORD = "mailbox-password";
    static final String FOLDER = "Inbox/PAM Workflow Approvals";

    /**
     * The certificate every GreenMail TLS server in this JVM presents once {@link MailServers} is
     * loaded (it installs its own keystore); loading it here, before any server starts, keeps the
     * servers of both kinds of mail tests alike whatever order they run in.
     */
    private static final String CERTIFICATE = MailServers.certificate();

    /** GreenMail's own: how long a client may say nothing, outside an IDLE, before it is logged out. */
    private static final Duration GREENMAIL_SILENCE = Duration.ofSeconds(30);

    private final Duration silence;
    private GreenMail server;
    private int port;

    private TestMailbox(Duration silence) {
        this.silence = silence;
    }

    static TestMailbox start() {
        return start(GREENMAIL_SILENCE);
    }

    /**
     * A mailbox whose server drops a connection that has sent nothing for {@code silence} outside an
     * IDLE, as every IMAP server does after a while of its own (GreenMail after 30 seconds).
     */
    static TestMailbox droppingConnectionsSilentFor(Duration silence) {
        return start(silence);
    }

    private static TestMailbox start(Duration silence) {
        TestMailbox mailbox = new TestMailbox(silence);
        mailbox.startServer(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS).dynamicPort());
        return mailbox;
    }

    private void startServer(ServerSetup setup) {
        server = new GreenMail(MailServers.patient(setup));
        server.start();
        server.getImaps().setClientSocketTimeout((int) silence.toMillis());
        port = server.getImaps().getPort();
        server.setUser(USER + "@example.com", USER, PASSWORD);
        withFolder(folder -> {
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
        });
    }

    /** Stops the server; its messages are gone, as with a mail server that lost its disk. */
    void stop() {
        server.stop();
    }

    /** Starts a fresh server on the same port. */
    void restart() {
        startServer(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
    }

    MailSettings.Imap endpoint() {
        return new MailSettings.Imap("127.0.0.1", port, MailSecurity.TLS, USER, PASSWORD, FOLDER, CERTIFICATE);
    }

    void deliver(byte[]... messages) {
        withFolder(folder -> {
            Session session = Session.getInstance(new Properties());
            MimeMessage[] parsed = new MimeMessage[messages.length];
            for (int i = 0; i < messages.length; i++) {
                parsed[i] = new MimeMessage(session, new ByteArrayInputStream(messages[i]));
            }
            folder.appendMessages(parsed);
        });
    }

    /**
     * Files a message without telling the sessions that have the folder open, as a server does whose
     * EXISTS response was lost or miscounted: a client learns of it only by selecting the folder again.
     */
    void deliverUnannounced(byte[] message) {
        try {
            MailFolder folder = server.getManagers()
                    .getImapHostManager()
                    .getFolder(server.getUserManager().getUser(USER), "INBOX.PAM Workflow Approvals");
            Field field = folder.getClass().getDeclaredField("_mailboxListeners");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<FolderListener> listeners = (List<FolderListener>) field.get(folder);
            synchronized (listeners) {
                List<FolderListener> open = new ArrayList<>(listeners);
                listeners.clear();
                try {
                    folder.appendMessage(
                            new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message)),
                            new jakarta.mail.Flags(),
                            new Date());
                } finally {
                    listeners.addAll(open);
                }
            }
        } catch (ReflectiveOperationException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException("The test mailbox failed", e);
        }
    }

    void deliver(List<byte[]> messages) {
        deliver(messages.toArray(byte[][]::new));
    }

    int waiting() {
        int[] count = new int[1];
        withFolder(folder -> count[0] = folder.getMessageCount());
        return count[0];
    }

    void clear() {
        withFolder(folder -> {
            folder.open(Folder.READ_WRITE);
            for (var message : folder.getMessages()) {
                message.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            }
            folder.close(true);
        });
    }

    private interface FolderWork {
        void run(Folder folder) throws Exception;
    }

    private void withFolder(FolderWork work) {
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.ssl.socketFactory.class", DummySSLSocketFactory.class.getName());
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
        properties.setProperty("mail.imaps.timeout", "10000");
        try (Store store = Session.getInstance(properties).getStore("imaps")) {
            store.connect("127.0.0.1", port, USER, PASSWORD);
            Folder folder = store.getFolder("INBOX").getFolder("PAM Workflow Approvals");
            work.run(folder);
        } catch (Exception e) {
            throw new Unreachable(e);
        }
    }

    /** The test's own IMAP client could not read or file into the mailbox. */
    static final class Unreachable extends IllegalStateException {

        private Unreachable(Exception cause) {
            super("The test mailbox failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
