package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSettings;
import io.countersign.mail.internal.ImapFolders;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One logged-in connection to the reply folder: lists its messages, reads each one up to a size
 * limit, deletes, and waits for new mail with IDLE where the server offers it. Every network wait is
 * bounded by a timeout, so a server that stops answering ends the connection instead of the watcher,
 * and so does one that never ends an IDLE when asked to.
 * The folder is selected again once per refresh, on the same connection, so that mail the server
 * failed to announce, or announced with a wrong count, is read within one refresh instead of never.
 */
final class MailboxConnection implements AutoCloseable {

    /** A message in the folder, read as far as the size limit allows. */
    record Letter(Message message, String key, byte[] raw) {}

    private final Store store;
    private final IMAPFolder folder;
    private final boolean idle;
    private final int maxBytes;
    private final Duration refresh;
    private final Duration timeout;
    private final CuttableSockets sockets;
    private final ScheduledThreadPoolExecutor heartbeat;
    private volatile boolean idling;
    private volatile boolean woken;
    private long selectedAt;

    private MailboxConnection(
            Store store,
            IMAPFolder folder,
            boolean idle,
            int maxBytes,
            Duration refresh,
            Duration timeout,
            CuttableSockets sockets) {
        this.store = store;
        this.folder = folder;
        this.idle = idle;
        this.maxBytes = maxBytes;
        this.refresh = refresh;
        this.timeout = timeout;
        this.sockets = sockets;
        this.selectedAt = System.nanoTime();
        // two threads: the one asking the server to end an IDLE waits until it has ended, and the
        // other must still be free to cut the connection when the server never ends it
        this.heartbeat = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "mail-reply-idle-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeat.setRemoveOnCancelPolicy(true);
    }

    /**
     * Connects with a session made for this connection alone ({@link
     * io.countersign.mail.internal.MailSessions#watching}): its sockets become the connection's, and
     * its read timeout is how long the server has to end an IDLE.
     */
    static MailboxConnection open(Session session, MailSettings.Imap imap, int maxBytes, Duration refresh)
            throws MessagingException {
        Duration timeout = readTimeout(session);
        CuttableSockets sockets = new CuttableSockets();
        sockets.install(session.getProperties());
        Store store = session.getStore("imap");
        try {
            store.connect(imap.host(), imap.port(), imap.username(), imap.password());
            Folder folder = ImapFolders.find(store, imap.folder());
            if (!folder.exists()) {
                throw new MessagingException("the folder " + imap.folder() + " does not exist");
            }
            // asked before the folder takes the store's one connection over: asked after, the store logs
            // in a second connection to answer, which then sits unused until the server drops it, and
            // the next refresh selects the folder on that dead connection
            boolean idle = store instanceof IMAPStore imapStore && hasIdle(imapStore);
            folder.open(Folder.READ_WRITE);
            return new MailboxConnection(store, (IMAPFolder) folder, idle, maxBytes, refresh, timeout, sockets);
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    boolean idles() {
        return idle;
    }

    /** The messages in the folder now, oldest first, except those already marked deleted. */
    List<Message> messages() throws MessagingException {
        if (System.nanoTime() - selectedAt >= refresh.toNanos()) {
            reselect();
        }
        Message[] all = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        profile.add("Message-ID");
        folder.fetch(all, profile);
        List<Message> open = new ArrayList<>(all.length);
        for (Message message : all) {
            if (!message.isExpunged() && !message.isSet(Flags.Flag.DELETED)) {
                open.add(message);
            }
        }
        return open;
    }

    /** The message's identity, read from its headers only. */
    String key(Message message) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        String id = ids == null || ids.length == 0 ? null : ids[0].trim();
        if (id != null && !id.isEmpty()) {
            return MessageKey.of(id, null);
        }
        StringBuilder headers = new StringBuilder();
        for (Enumeration<jakarta.mail.Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
            jakarta.mail.Header header = all.nextElement();
            headers.append(header.getName())
                    .append(": ")
                    .append(header.getValue())
                    .append('\n');
        }
        return MessageKey.of(null, headers.toString());
    }

    /**
     * Fetches the whole of each message within the size limit in one command, so that reading them
     * one by one costs no further round trip to the server.
     */
    void prefetch(List<Message> messages) throws MessagingException {
        List<Message> small = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (message.getSize() >= 0 && message.getSize() <= maxBytes) {
                small.add(message);
            }
        }
        FetchProfile whole = new FetchProfile();
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(small.toArray(Message[]::new), whole);
    }

    /** The message's raw bytes, cut at the size limit: the reply's first line is near its start. */
    byte[] read(Message message) throws MessagingException, IOException {
        Capped out = new Capped(maxBytes);
        try {
            message.writeTo(out);
        } catch (Capped.Full enough) {
            // the rest of a huge message is never fetched
        }
        return out.bytes();
    }

    /**
     * Closes and opens the folder: the server then states afresh how many messages it holds, which
     * repairs a count that a missed or miscounted EXISTS response left behind. Closing hands the one
     * connection back to the store and opening takes it again, so the folder is selected anew on the
     * same connection. The folder is held meanwhile (the library locks on it) so that a NOOP sent from
     * the heartbeat cannot find it closed and borrow that connection for the store, which would make
     * the opening log in another.
     */
    private void reselect() throws MessagingException {
        synchronized (folder) {
            folder.close(false);
            folder.open(Folder.READ_WRITE);
        }
        selectedAt = System.nanoTime();
    }

    void delete(List<Message> messages) throws MessagingException {
        if (!messages.isEmpty()) {
            folder.setFlags(messages.toArray(Message[]::new), new Flags(Flags.Flag.DELETED), true);
        }
    }

    void expunge() throws MessagingException {
        folder.expunge();
    }

    /**
     * Whether the folder holds messages, as the server last said: after an expunge, those it
     * announced while the ones listed were being settled.
     */
    boolean holdsMessages() throws MessagingException {
        return folder.getMessageCount() > 0;
    }

    /**
     * Waits until new mail may have arrived, at most the refresh: with IDLE until the server says so,
     * otherwise by sleeping (the caller polls). Either way it returns at least every refresh, so that
     * the watcher renews its lease, notices changed settings and selects the folder again.
     *
     * <p>An IDLE the server does not end when asked would hold both this thread and the one asking:
     * the library ignores the read timeout until it has asked, and a server that keeps sending
     * (keep-alives, say) lets none expire after. So when the IDLE has not ended one timeout after
     * being asked to, the connection is cut, and this throws.
     */
    void await(Runnable sleep) throws MessagingException {
        if (!idle) {
            sleep.run();
            return;
        }
        long asked = refresh.toMillis();
        var noop = heartbeat.schedule(this::interruptIdle, asked, TimeUnit.MILLISECONDS);
        var cut = heartbeat.schedule(this::cutIfIdling, asked + timeout.toMillis(), TimeUnit.MILLISECONDS);
        idling = true;
        try {
            if (woken) {
                return;
            }
            folder.idle(true);
        } finally {
            idling = false;
            woken = false;
            noop.cancel(false);
            cut.cancel(false);
        }
    }

    /**
     * Ends a running IDLE now, or the next one before it starts; asked from another thread, which
     * must not wait for the server, so the command that ends it is sent from the heartbeat's.
     */
    void wake() {
        woken = true;
        if (idling) {
            try {
                heartbeat.execute(this::interruptIdle);
            } catch (RejectedExecutionException closed) {
                // the connection is closed and the watcher reconnects
            }
        }
    }

    /** Any command on the folder from another thread ends a running IDLE. */
    private void interruptIdle() {
        try {
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException closedMeanwhile) {
            // the watcher finds the connection closed and reconnects
        }
    }

    private void cutIfIdling() {
        if (idling) {
            sockets.cut();
        }
    }

    /** Closing waits for a running IDLE to end, so an IDLE the server might never end is cut first. */
    @Override
    public void close() {
        cutIfIdling();
        heartbeat.shutdownNow();
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException alreadyGone) {
            // closing a dead connection cannot fail in a way worth reporting
        }
        closeQuietly(store);
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException alreadyGone) {
            // as above
        }
    }

    private static Duration readTimeout(Session session) {
        String millis = session.getProperty("mail.imap.timeout");
        if (millis == null) {
            throw new IllegalArgumentException("the session sets no read timeout");
        }
        return Duration.ofMillis(Long.parseLong(millis));
    }

    private static boolean hasIdle(IMAPStore store) {
        try {
            return store.hasCapability("IDLE");
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Collects at most {@code limit} bytes, then stops the writer. */
    private static final class Capped extends OutputStream {

        static final class Full extends IOException {
            Full() {
                super("size limit reached", null);
            }
        }

        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private final int limit;

        Capped(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int room = limit - buffer.size();
            buffer.write(bytes, offset, Math.min(room, length));
            if (length >= room) {
                throw new Full();
            }
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
