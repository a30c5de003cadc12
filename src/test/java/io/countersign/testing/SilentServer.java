package io.countersign.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that accepts connections and never answers them, as one that hangs: every client waits out
 * its read timeout. Once {@link #answering} a real server, it passes each new connection through to
 * it, as the same server at the same address coming back. It speaks no protocol, so it stands for a
 * mail server as well as a webhook endpoint. {@link #refusing} stops it listening, as a server going
 * away, while the connections it holds or passes through stay open and may still be answered.
 */
public final class SilentServer implements AutoCloseable {

    private final int port;
    private volatile ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile Integer realPort;

    public SilentServer() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        port = server.getLocalPort();
        ServerSocket listening = server;
        daemon("silent-server", () -> accept(listening));
    }

    /** The loopback port it listens on, or listened on while it refuses. */
    public int port() {
        return port;
    }

    /** Stops listening: new connections are refused; those it holds or passes through stay open. */
    public void refusing() throws IOException {
        server.close();
    }

    /** Listens again on the same port, after {@link #refusing}. */
    public void listening() throws IOException {
        ServerSocket listening = new ServerSocket();
        // the port's connections passed through before may linger in TIME_WAIT
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server = listening;
        daemon("silent-server", () -> accept(listening));
    }

    /** How many connections were held without an answer. */
    public int unanswered() {
        return unanswered.get();
    }

    /** From now on, connections are passed through to the server on this loopback port. */
    public void answering(int port) {
        realPort = port;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Integer to = realPort;
                if (to == null) {
                    unanswered.incrementAndGet();
                } else {
                    Socket real = new Socket(InetAddress.getLoopbackAddress(), to);
                    sockets.add(real);
                    pipe(client, real);
                    pipe(real, client);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        daemon("silent-server-relay", () -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException gone) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the sockets below are closed regardless
        }
        sockets.forEach(SilentServer::closeQuietly);
    }
}
