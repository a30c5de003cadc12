package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IMAP server over plain TCP that offers IDLE and holds an empty INBOX. Unless {@link #obliging()},
 * it never ends an IDLE: once a client has sent IDLE, it reads on and answers nothing, neither DONE nor
 * any command after it.
 */
final class UnfinishedIdleServer implements AutoCloseable {

    private enum Idle {
        /** Answers nothing at all. */
        SILENT,
        /** Sends an untagged OK several times a second, as a server whose keep-alives outlive its IDLE. */
        CHATTY,
        /** Ends the IDLE when the client says DONE, as servers should. */
        ENDED
    }

    private final ServerSocket server;
    private final Idle idle;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger idles = new AtomicInteger();

    private UnfinishedIdleServer(Idle idle) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.idle = idle;
        Thread acceptor = new Thread(this::accept, "unfinished-idle-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static UnfinishedIdleServer silent() throws IOException {
        return new UnfinishedIdleServer(Idle.SILENT);
    }

    static UnfinishedIdleServer chatty() throws IOException {
        return new UnfinishedIdleServer(Idle.CHATTY);
    }

    static UnfinishedIdleServer obliging() throws IOException {
        return new UnfinishedIdleServer(Idle.ENDED);
    }

    MailSettings.Imap endpoint() {
        return new MailSettings.Imap(
                server.getInetAddress().getHostAddress(),
                server.getLocalPort(),
                MailSecurity.NONE,
                "countersign",
                "secret",
                "INBOX",
                null);
    }

    /** How many connections have logged in. */
    int logins() {
        return logins.get();
    }

    /** How many IDLE commands have been started. */
    int idles() {
        return idles.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread thread = new Thread(() -> serve(client), "unfinished-idle-client");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            send(out, "* OK [CAPABILITY IMAP4rev1 IDLE] ready");
            String idling = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (idling != null) {
                    if (idle == Idle.ENDED && line.equalsIgnoreCase("DONE")) {
                        send(out, idling + " OK IDLE done");
                        idling = null;
                    }
                    continue;
                }
                String[] words = line.split(" ", 3);
                String tag = words[0];
                String command = words.length > 1 ? words[1].toUpperCase() : "";
                switch (command) {
                    case "CAPABILITY" -> send(out, "* CAPABILITY IMAP4rev1 IDLE", tag + " OK done");
                    case "LOGIN" -> {
                        logins.incrementAndGet();
                        send(out, tag + " OK [CAPABILITY IMAP4rev1 IDLE] logged in");
                    }
                    case "LIST" -> send(out, "* LIST () \"/\" INBOX", tag + " OK done");
                    case "SELECT", "EXAMINE" ->
                        send(
                                out,
                                "* FLAGS (\\Deleted \\Seen)",
                                "* 0 EXISTS",
                                "* 0 RECENT",
                                "* OK [UIDVALIDITY 1] valid",
                                "* OK [PERMANENTFLAGS (\\Deleted \\Seen)] flags",
                                tag + " OK [READ-WRITE] selected");
                    case "IDLE" -> {
                        idles.incrementAndGet();
                        idling = tag;
                        send(out, "+ idling");
                        if (idle == Idle.CHATTY) {
                            keepAlive(client, out);
                        }
                    }
                    case "LOGOUT" -> {
                        send(out, "* BYE bye", tag + " OK done");
                        return;
                    }
                    default -> send(out, tag + " OK done");
                }
            }
        } catch (IOException gone) {
            // the client went away
        } finally {
            clients.remove(client);
        }
    }

    /** An untagged response every 200 ms until the client goes, as a server keeping a connection alive sends. */
    private static void keepAlive(Socket client, OutputStream out) {
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "unfinished-idle-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        beat.scheduleAtFixedRate(
                () -> {
                    try {
                        if (client.isClosed()) {
                            beat.shutdown();
                        } else {
                            send(out, "* OK still here");
                        }
                    } catch (IOException gone) {
                        beat.shutdown();
                    }
                },
                0,
                200,
                TimeUnit.MILLISECONDS);
    }

    private static void send(OutputStream out, String... lines) throws IOException {
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket client : clients) {
                client.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
