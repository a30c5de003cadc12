package io.countersign.mail.internal.inbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TCP sockets of one mail session, which any thread can close. The mail library closes a
 * connection only after the server has ended its IDLE, holding locks meanwhile, so a server that never
 * ends one can be left only by closing the socket underneath: the blocked read then fails.
 */
final class CuttableSockets {

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    /**
     * Makes the session open its sockets here. Under TLS, the socket is the plain one that TLS runs
     * over: closing it ends a read blocked inside TLS as surely as a plain one.
     */
    void install(Properties session) {
        session.put("mail.imap.socketFactory", new Plain());
        // the library would otherwise retry a failed connection with a socket of its own making
        session.put("mail.imap.socketFactory.fallback", "false");
        if (session.get("mail.imap.ssl.socketFactory") instanceof SSLSocketFactory tls) {
            session.put("mail.imap.ssl.socketFactory", new OverPlain(tls));
        }
    }

    void cut() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException alreadyGone) {
                // nothing more to end
            }
        }
    }

    private Socket track(Socket socket) {
        sockets.removeIf(Socket::isClosed);
        sockets.add(socket);
        return socket;
    }

    private final class Plain extends SocketFactory {

        @Override
        public Socket createSocket() {
            return track(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return track(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return track(new Socket(host, port, local, localPort));
        }
    }

    /** TLS as the session would run it, over a socket kept here. */
    private final class OverPlain extends SSLSocketFactory {

        private final SSLSocketFactory tls;

        OverPlain(SSLSocketFactory tls) {
            this.tls = tls;
        }

        @Override
        public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
            track(plain);
            return tls.createSocket(plain, host, port, autoClose);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return track(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return track(tls.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return track(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return track(tls.createSocket(host, port, local, localPort));
        }
    }
}
